// The addresses other programs are given for a page: absolute permanent links, embed addresses, and the
// reverse (which page a URL of this site names), plus what link previews say about a view. Absolute URLs start
// from WIKI_PUBLIC_URL when set, else from the request's own scheme and host, as the live channel's Origin
// check does.
import type { FastifyRequest } from 'fastify';
import type { PageRow } from '../pages/pages.repo.js';
import { pageAccess } from '../pages/pageAccess.js';
import type { ViewMeta } from './views/PreviewMeta.js';

export const permanentPath = (id: string) => `/p/${encodeURIComponent(id)}`;
export const embedPath = (id: string) => `/embed/p/${encodeURIComponent(id)}`;
export const oembedPath = (origin: string, pagePath: string) => `/oembed?url=${encodeURIComponent(`${origin}${pagePath}`)}&format=json`;

/** This site's origin as the outside world reaches it. */
export function siteOrigin(request: FastifyRequest): string {
  const configured = request.server.config.publicUrl;
  if (configured) return configured;
  const raw = `${request.protocol}://${request.host}`;
  try {
    // Normalized as URL.origin is (no default port), so URLs given back to us compare equal.
    return new URL(raw).origin;
  } catch {
    return raw;
  }
}

/** Previews show about this many characters of a page's text. */
export const SUMMARY_LENGTH = 200;

/** The start of a page's text, cut at a word boundary, for link previews; '' for an empty page. */
export function summaryOf(text: string, max = SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export type PageLocator = { id: string } | { slug: string };

/**
 * The page a path of this site names: /p/:id, /wiki/:slug and its sub-views (/history, /diff…), /embed/:slug
 * and /embed/p/:id. null for any other path.
 */
export function locatePage(pathname: string): PageLocator | null {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  let parts: string[];
  try {
    parts = trimmed.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
  if (parts.includes('')) return null;
  const [first, second, third] = parts;
  if (first === 'p' && parts.length === 2) return { id: second };
  if (first === 'wiki' && parts.length >= 2) return { slug: second };
  if (first === 'embed' && second === 'p' && parts.length === 3) return { id: third };
  if (first === 'embed' && parts.length === 2) return { slug: second };
  return null;
}

/** Link-preview facts about a wiki page the viewer may read. */
export function pageViewMeta(origin: string, page: PageRow, siteDescription: string): ViewMeta {
  return {
    origin,
    type: 'article',
    description: summaryOf(page.text) || siteDescription,
    url: permanentPath(page.id),
    oembed: { url: permanentPath(page.id), title: page.title },
  };
}

/**
 * Link-preview facts for any view: the site's origin, and on a page's sub-views (/wiki/:slug/history, /diff…)
 * that page's oEmbed discovery link, only when the viewer may read it. The route pattern, not the URL, says
 * which views belong to a page.
 */
export function viewMeta(request: FastifyRequest): ViewMeta {
  const origin = siteOrigin(request);
  const slug = (request.params as { slug?: unknown } | undefined)?.slug;
  if (!request.routeOptions.url?.startsWith('/wiki/:slug/') || typeof slug !== 'string' || !request.principal) return { origin };
  const { pages, spaces } = request.server.services;
  const page = pages.findBySlug(slug);
  if (!page || pageAccess(spaces, request.principal, page) === 'none') return { origin };
  return { origin, oembed: { url: permanentPath(page.id), title: page.title } };
}
