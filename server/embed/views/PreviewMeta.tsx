// Link previews and oEmbed discovery in the <head> of every server-rendered page: the description, OpenGraph
// and Twitter-card tags. A page's own summary and discovery link appear only on views of that page to someone
// who may read it; every other view (sign-in prompts and not-found pages included) carries the site's.
import { otherLocale, type Locale, type Translate } from '../../../shared/i18n/index.js';
import { oembedPath } from '../pageLinks.js';

/** What link previews say about a view (ViewContext.meta). */
export interface ViewMeta {
  /** The site's absolute origin (WIKI_PUBLIC_URL, else the request's), to make URLs absolute. */
  origin: string;
  /** The summary previews show; the site's description when absent. */
  description?: string;
  /** 'article' for a wiki page, 'website' (the default) for anything else. */
  type?: 'article' | 'website';
  /** The path previews link to (a page's permanent link); the request's own path when absent. */
  url?: string;
  /** The wiki page this view shows, for the oEmbed discovery link: its permanent path and title. */
  oembed?: { url: string; title: string };
}

const ogLocales: Record<Locale, string> = { en: 'en_CA', fr: 'fr_CA' };

export function PreviewMeta(props: { locale: Locale; t: Translate; path: string; title: string; meta?: ViewMeta }) {
  const { locale, t, meta, title } = props;
  const description = meta?.description || t('app.tagline');
  return (
    <>
      <meta name="description" content={description} />
      <meta property="og:site_name" content={t('app.name')} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:type" content={meta?.type ?? 'website'} />
      {meta && <meta property="og:url" content={`${meta.origin}${meta.url ?? props.path}`} />}
      <meta property="og:locale" content={ogLocales[locale]} />
      <meta property="og:locale:alternate" content={ogLocales[otherLocale(locale)]} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {meta?.oembed && (
        <link rel="alternate" type="application/json+oembed" href={`${meta.origin}${oembedPath(meta.origin, meta.oembed.url)}`} title={meta.oembed.title} />
      )}
    </>
  );
}
