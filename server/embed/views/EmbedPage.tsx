// The compact, read-only views portals frame: no site header or navigation, the page's title and stored
// sanitized HTML, and a way out to the wiki. Every link opens outside the frame (<base target="_blank">): the
// wiki's other pages refuse to be framed. The sign-in prompt and the not-found view show nothing of any page.
import type { ReactNode } from 'react';
import type { Classification } from '../../auth/permissions.js';
import type { PageRow } from '../../pages/pages.repo.js';
import { ClassificationBanner, type ViewContext } from '../../web/views/Layout.js';
import type { Locale, Translate } from '../../../shared/i18n/index.js';
import { embedScript } from '../embedScript.js';
import { embedStyles } from '../embedStyles.js';

export interface EmbedContext {
  locale: Locale;
  t: Translate;
  /**
   * What the frame names itself in its height messages: the page's slug when it is shown, else the slug or id
   * the frame was opened with (nothing the parent does not already know).
   */
  slug: string;
  /** Origins the frame may report its height to: this site and WIKI_EMBED_ORIGINS. */
  parents: readonly string[];
}

function EmbedFrame(props: { ctx: EmbedContext; title: string; canonical?: string; children: ReactNode }) {
  const { ctx } = props;
  return (
    <html lang={ctx.locale} data-embed-slug={ctx.slug} data-embed-parents={ctx.parents.join(' ')}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} – ${ctx.t('app.name')}`}</title>
        {props.canonical && <link rel="canonical" href={props.canonical} />}
        <base target="_blank" />
        <link rel="stylesheet" href={embedStyles.url} />
        <script src={embedScript.url} defer />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** A link that leaves the frame for a new tab, saying so to screen-reader users. */
function OutLink(props: { ctx: EmbedContext; href: string; className?: string; children: ReactNode }) {
  return (
    <a href={props.href} target="_blank" rel="noopener" className={props.className}>
      {props.children}
      <span className="visually-hidden"> {props.ctx.t('embed.newTab')}</span>
    </a>
  );
}

export function EmbeddedPage(props: {
  ctx: EmbedContext;
  page: PageRow;
  space: { name: string; classification: Classification };
  /** The page's permanent link, relative to this site. */
  permalink: string;
  /** The same, absolute, for <link rel="canonical">. */
  canonical: string;
}) {
  const { ctx, page } = props;
  // The banner reads only the language; the embed has no header, viewer or forms.
  const bannerCtx: ViewContext = { locale: ctx.locale, t: ctx.t, path: '', styles: [], viewer: null, csrf: '' };
  return (
    <EmbedFrame ctx={ctx} title={page.title} canonical={props.canonical}>
      <main>
        {props.space.classification !== 'unclassified' && <ClassificationBanner ctx={bannerCtx} space={props.space} />}
        <article lang={page.lang}>
          <h1>{page.title}</h1>
          {page.text.trim() === '' ? (
            <p className="embed__empty">{ctx.t('page.empty')}</p>
          ) : (
            <div className="ens-content" dangerouslySetInnerHTML={{ __html: page.html }} />
          )}
        </article>
      </main>
      <footer className="embed__footer">
        <p>
          <OutLink ctx={ctx} href={props.permalink}>
            {ctx.t('embed.open')}
          </OutLink>
        </p>
      </footer>
    </EmbedFrame>
  );
}

/** For a visitor who may not read the page: a way to sign in (in a new tab: the frame cannot keep a session). */
export function EmbedSignIn(props: { ctx: EmbedContext; signInHref: string }) {
  const { ctx } = props;
  return (
    <EmbedFrame ctx={ctx} title={ctx.t('auth.signInRequiredTitle')}>
      <main>
        <h1>{ctx.t('auth.signInRequiredTitle')}</h1>
        <p>{ctx.t('embed.signInBody')}</p>
        <p>
          <OutLink ctx={ctx} href={props.signInHref} className="button button--primary">
            {ctx.t('auth.signIn')}
          </OutLink>
        </p>
      </main>
    </EmbedFrame>
  );
}

export function EmbedNotFound(props: { ctx: EmbedContext }) {
  const { ctx } = props;
  return (
    <EmbedFrame ctx={ctx} title={ctx.t('page.notFoundTitle')}>
      <main>
        <h1>{ctx.t('page.notFoundTitle')}</h1>
        <p>{ctx.t('page.notFoundBody', { slug: ctx.slug })}</p>
      </main>
    </EmbedFrame>
  );
}
