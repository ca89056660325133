// The addresses of the feeds, and the <link rel="alternate"> each web page announces its feed with. Addresses
// carry the page's language (a feed reader sends no language cookie) and never a credential: a reader who
// needs a private feed adds their own API token as `?token=`.
import { catalogueQueryString, type CatalogueQuery } from '../../shared/catalogue/catalogueQuery.js';
import type { Locale, Translate } from '../../shared/i18n/index.js';
import type { FeedLink } from '../web/views/Layout.js';

/** A feed address with its parameters in a fixed order; empty values are left out. */
export function feedPath(path: string, params: [string, string][] = []): string {
  const query = new URLSearchParams(params.filter(([, value]) => value !== '')).toString();
  return query ? `${path}?${query}` : path;
}

export const recentFeedPath = () => '/feeds/recent.atom';
export const pageFeedPath = (pageId: string) => `/feeds/pages/${encodeURIComponent(pageId)}.atom`;
export const spaceFeedPath = (spaceSlug: string) => `/feeds/spaces/${encodeURIComponent(spaceSlug)}.atom`;
export const searchFeedPath = (params: { q: string; space?: string; in?: string }) =>
  feedPath('/feeds/search.atom', [['q', params.q], ['space', params.space ?? ''], ['in', params.in ?? '']]);
/** The catalogue feed of a query: the same parameters as /catalogue (but no page: a feed starts at the newest). */
export function catalogueFeedPath(query: CatalogueQuery): string {
  const qs = catalogueQueryString({ ...query, page: undefined });
  return qs ? `/feeds/catalogue.atom?${qs}` : '/feeds/catalogue.atom';
}

/** The address in the reader's language. */
export function withFeedLanguage(path: string, locale: Locale): string {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

interface Reader {
  t: Translate;
  locale: Locale;
}

const link = (reader: Reader, title: string, path: string): FeedLink[] => [{ title, href: withFeedLanguage(path, reader.locale) }];

export const recentFeedLink = (reader: Reader) => link(reader, reader.t('feeds.link.recent'), recentFeedPath());
export const pageFeedLink = (reader: Reader, page: { id: string; title: string }) =>
  link(reader, reader.t('feeds.link.page', { title: page.title }), pageFeedPath(page.id));
export const spaceFeedLink = (reader: Reader, space: { slug: string; name: string }) =>
  link(reader, reader.t('feeds.link.space', { space: space.name }), spaceFeedPath(space.slug));
export const searchFeedLink = (reader: Reader, params: { q: string; space?: string; in?: string }) =>
  link(reader, reader.t('feeds.link.search', { q: params.q }), searchFeedPath(params));
export const catalogueFeedLink = (reader: Reader, query: CatalogueQuery) => link(reader, reader.t('feeds.link.catalogue'), catalogueFeedPath(query));
