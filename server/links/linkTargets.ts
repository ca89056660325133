// What a same-site link in a page leads to. A wiki link is an ordinary link whose address is the target's
// permanent link /p/<id> (so it survives renames), or /pages/new?title=… for a page that does not exist yet
// (a "wanted" page, found again by the address its title would get). /wiki/<slug> links count too.
import sanitizeHtml from 'sanitize-html';
import { slugFromTitle, slugKey } from '../../shared/slug.js';

export type LinkTarget =
  | { kind: 'id'; id: string }
  | { kind: 'slug'; slugKey: string }
  | { kind: 'wanted'; title: string; titleKey: string };

/** Only relative addresses are ours; anything with its own origin is another site (or a trick). */
const base = 'http://ensemble.invalid';
const PAGE_ID = /^[a-z0-9]{1,64}$/;

export const permalinkUrl = (id: string) => `/p/${id}`;
export const wantedPageUrl = (title: string) => `/pages/new?title=${encodeURIComponent(title)}`;

/** The address a title would get, as a key: "Budget 2026" and "budget-2026" name the same wanted page. */
export const titleKey = (title: string) => slugKey(slugFromTitle(title));

export function linkTargetOf(href: string): LinkTarget | null {
  if (!href.startsWith('/') || href.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const segments = url.pathname.split('/');
  if (segments.length !== 3) return null;
  const [, head, tail] = segments;
  let value: string;
  try {
    value = decodeURIComponent(tail);
  } catch {
    return null;
  }
  if (head === 'p' && PAGE_ID.test(value)) return { kind: 'id', id: value };
  if (head === 'wiki' && value !== '') return { kind: 'slug', slugKey: slugKey(value) };
  if (head === 'pages' && value === 'new') {
    const title = (url.searchParams.get('title') ?? '').replace(/\s+/g, ' ').trim();
    return title === '' ? null : { kind: 'wanted', title, titleKey: titleKey(title) };
  }
  return null;
}

/**
 * The addresses of the links in sanitized page HTML, read with a real HTML parser (sanitize-html's), which
 * also decodes entities in them. Renderings without a same-site address are not parsed at all.
 */
export function hrefsIn(html: string): string[] {
  const hrefs: string[] = [];
  if (!html.includes('href="/')) return hrefs;
  sanitizeHtml(html, {
    allowedTags: ['a'],
    allowedAttributes: { a: ['href'] },
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href) hrefs.push(attribs.href);
        return { tagName, attribs };
      },
    },
  });
  return hrefs;
}
