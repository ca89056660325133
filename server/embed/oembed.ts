// The oEmbed answer for a page: type "rich", whose html is a sandboxed <iframe> of the page's embed view at
// its permanent address (so a rename never breaks a portal). The frame reports its height, so the width and
// height given here are only the starting size. Every value put in the html is attribute-escaped.
import type { OEmbedRich } from './schema.js';
import { embedPath } from './pageLinks.js';

export const OEMBED_DEFAULT_WIDTH = 640;
export const OEMBED_DEFAULT_HEIGHT = 480;

/**
 * Scripts (the height report), links out in a new, unsandboxed tab, and navigating the portal page itself only
 * when the reader clicks. No allow-same-origin: the frame gets an opaque origin and cannot touch cookies or
 * storage of either site; no allow-forms: an embed has nothing to submit.
 */
export const IFRAME_SANDBOX = 'allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface OEmbedOptions {
  /** This site's origin, for absolute URLs. */
  origin: string;
  providerName: string;
  maxwidth?: number;
  maxheight?: number;
  /** Interface language for the frame, when the URL asked for one. */
  lang?: string;
}

export function oembedFor(page: { id: string; title: string }, options: OEmbedOptions): OEmbedRich {
  const width = Math.min(OEMBED_DEFAULT_WIDTH, options.maxwidth ?? Infinity);
  const height = Math.min(OEMBED_DEFAULT_HEIGHT, options.maxheight ?? Infinity);
  const src = `${options.origin}${embedPath(page.id)}${options.lang ? `?lang=${encodeURIComponent(options.lang)}` : ''}`;
  const attributes: [string, string][] = [
    ['src', src],
    ['width', String(width)],
    ['height', String(height)],
    ['title', page.title],
    ['sandbox', IFRAME_SANDBOX],
    // The frame learns its parent's origin from the referrer, even under a portal's no-referrer policy.
    ['referrerpolicy', 'strict-origin'],
    ['loading', 'lazy'],
    ['style', 'border:0'],
  ];
  return {
    type: 'rich',
    version: '1.0',
    title: page.title,
    provider_name: options.providerName,
    provider_url: `${options.origin}/`,
    html: `<iframe ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}></iframe>`,
    width,
    height,
  };
}
