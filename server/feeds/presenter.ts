// Turns feed entries into Atom documents in the reader's language, through the `feed` library (which writes
// and escapes the XML). Every entry links to the page's permanent link /p/:id. The library marks entry titles
// and summaries type="html", so everything put in them is escaped here first: page titles, names and text
// are only ever text, and the one piece of HTML taken as it is, a search snippet, is our own escaped text
// with <mark> around the matches (server/search/snippet.ts). Addresses are absolute, on the site's origin.
import { Feed } from 'feed';
import type { CatalogueHit } from '../../shared/catalogue/catalogueIndex.js';
import { countryName, kindName, levelName } from '../../shared/catalogue/labels.js';
import type { Locale, Translate } from '../../shared/i18n/index.js';
import { diffUrl, formatCount, revisionUrl, triggerLabel } from '../history/views/historyParts.js';
import { escapeHtml } from '../search/snippet.js';
import type { PageEntry, RevisionEntry } from './feeds.service.js';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom">';

/** Who reads the feed, and where the site is. */
export interface FeedContext {
  t: Translate;
  locale: Locale;
  /** The site's origin (WIKI_PUBLIC_URL, or the request's own), without a trailing slash. */
  origin: string;
}

/** What a feed is about; paths are on the site's origin. */
export interface FeedMeta {
  /** The feed's address without the reader's language or credentials: the same feed for everyone. */
  idPath: string;
  /** Where this document was fetched from (its language included, never a token). */
  selfPath: string;
  /** The web page the feed follows. */
  alternatePath: string;
  title: string;
  subtitle: string;
  /** When nothing is in the feed: when its subject last changed. */
  emptyUpdated: number;
}

export const permanentPath = (pageId: string) => `/p/${encodeURIComponent(pageId)}`;

/** Characters XML 1.0 cannot hold even escaped (controls, lone surrogates, U+FFFE/FFFF); page text may have them. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlText = (text: string) => text.replace(NOT_XML, '');
/** Text for the type="html" elements: XML-safe, then HTML-escaped. */
const html = (text: string) => escapeHtml(xmlText(text));

const listFormats: Record<Locale, Intl.ListFormat> = {
  en: new Intl.ListFormat('en', { type: 'conjunction' }),
  fr: new Intl.ListFormat('fr', { type: 'conjunction' }),
};

function newFeed(ctx: FeedContext, meta: FeedMeta, updated: number): Feed {
  const { t, origin } = ctx;
  return new Feed({
    id: `${origin}${meta.idPath}`,
    title: xmlText(`${meta.title} – ${t('app.name')}`),
    description: xmlText(meta.subtitle),
    link: `${origin}${meta.alternatePath}`,
    feed: `${origin}${meta.selfPath}`,
    updated: new Date(updated),
    generator: t('app.name'),
    // Atom wants an author for every entry; entries whose revision has none fall back to the site.
    author: { name: t('app.name'), link: `${origin}/` },
    favicon: `${origin}/favicon.svg`,
  });
}

/** When the feed last changed: its newest entry's time (so that an unchanged feed keeps its ETag). */
const newest = (meta: FeedMeta, times: number[]) => (times.length > 0 ? Math.max(...times) : meta.emptyUpdated);

/** The Atom XML, with the document's language on its root (the library has no option for xml:lang). */
function render(feed: Feed, locale: Locale): string {
  return feed.atom1().replace(ATOM_ROOT, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`);
}

/** A feed of revisions: recent changes of the wiki or a space, or one page's history. */
export function revisionsFeed(ctx: FeedContext, meta: FeedMeta, entries: RevisionEntry[]): string {
  const feed = newFeed(ctx, meta, entries[0]?.revision.createdAt ?? meta.emptyUpdated);
  for (const entry of entries) {
    const { page, revision } = entry;
    feed.addItem({
      id: `${ctx.origin}${permanentPath(page.id)}#r${revision.number}`,
      title: html(ctx.t('feeds.entry.title', { title: page.title, n: revision.number })),
      link: `${ctx.origin}${permanentPath(page.id)}`,
      date: new Date(revision.createdAt),
      description: revisionSummary(ctx, entry),
      author: revision.authors.map((a) => ({ name: xmlText(a.displayName), link: `${ctx.origin}/users/${encodeURIComponent(a.username)}` })),
    });
  }
  return render(feed, ctx.locale);
}

/**
 * What a revision did, as the history page says it: why it was cut, the version's name and summary, who
 * changed how much, an excerpt of the text added and removed, and links to the revision and its comparison.
 */
function revisionSummary(ctx: FeedContext, entry: RevisionEntry): string {
  const { t, locale, origin } = ctx;
  const { page, revision, change } = entry;
  const paragraphs: string[] = [];
  const opening = [triggerLabel(t, revision)];
  if (revision.name) opening.push(t('feeds.entry.namedVersion', { name: revision.name }));
  paragraphs.push(opening.join(' · '));
  if (revision.summary) paragraphs.push(revision.summary);
  if (revision.authors.length > 0) {
    const names = revision.authors.map((a) =>
      t('feeds.entry.author', {
        name: a.displayName,
        change: t('history.change.visible', { inserted: formatCount(a.inserted, locale), deleted: formatCount(a.deleted, locale) }),
      }),
    );
    paragraphs.push(t('feeds.entry.authors', { authors: listFormats[locale].format(names) }));
  }
  if (change?.titleChanged) paragraphs.push(t('feeds.entry.titleChanged'));
  if (change?.added) paragraphs.push(t('feeds.entry.added', { text: change.added }));
  if (change?.removed) paragraphs.push(t('feeds.entry.removed', { text: change.removed }));
  const links = [`<a href="${html(`${origin}${revisionUrl(page.slug, revision.number)}`)}">${html(t('feeds.entry.view', { n: revision.number }))}</a>`];
  if (revision.number > 1) {
    const previous = revision.number - 1;
    links.push(`<a href="${html(`${origin}${diffUrl(page.slug, previous, revision.number)}`)}">${html(t('feeds.entry.compare', { n: previous }))}</a>`);
  }
  return `${paragraphs.map((p) => `<p>${html(p)}</p>`).join('')}<p>${links.join(' · ')}</p>`;
}

/** A feed of pages a search finds. */
export function searchFeed(ctx: FeedContext, meta: FeedMeta, entries: PageEntry[]): string {
  const feed = newFeed(ctx, meta, newest(meta, entries.map((e) => e.updatedAt)));
  for (const entry of entries) {
    feed.addItem({
      id: `${ctx.origin}${permanentPath(entry.page.id)}`,
      title: html(entry.page.title),
      link: `${ctx.origin}${permanentPath(entry.page.id)}`,
      date: new Date(entry.updatedAt),
      description: entry.snippetHtml ? `<p>${xmlText(entry.snippetHtml)}</p>` : undefined,
    });
  }
  return render(feed, ctx.locale);
}

/** A feed of catalogue entries: each with its organisation, country, level and kind, and its summary. */
export function catalogueFeed(ctx: FeedContext, meta: FeedMeta, hits: CatalogueHit[]): string {
  const { t, locale } = ctx;
  const updated = hits.map((hit) => Date.parse(hit.updatedAt));
  const feed = newFeed(ctx, meta, newest(meta, updated));
  hits.forEach((hit, i) => {
    const { fields } = hit;
    const facts = [
      fields.organisation,
      fields.country ? countryName(fields.country, locale) : '',
      fields.level ? levelName(t, fields.level) : '',
      fields.kind ? kindName(t, fields.kind) : '',
      fields.year === null ? '' : String(fields.year),
    ].filter((fact) => fact !== '');
    const paragraphs = [facts.join(' · '), fields.summary].filter((p) => p !== '');
    feed.addItem({
      id: `${ctx.origin}${permanentPath(hit.id)}`,
      title: html(hit.title),
      link: `${ctx.origin}${permanentPath(hit.id)}`,
      date: new Date(updated[i]),
      description: paragraphs.map((p) => `<p>${html(p)}</p>`).join('') || undefined,
    });
  });
  return render(feed, ctx.locale);
}
