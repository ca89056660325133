// The frame of every server-rendered page: language, skip link, header (who is signed in, and how to sign in
// or out), main landmark, footer. Pages work without JavaScript; scripts only enhance.
import type { ReactNode } from 'react';
import type { Classification } from '../../auth/permissions.js';
import type { Locale, Translate } from '../../../shared/i18n/index.js';
import { messagesWithPrefix, otherLocale, translator } from '../../../shared/i18n/index.js';
import { PreviewMeta, type ViewMeta } from '../../embed/views/PreviewMeta.js';

/** The signed-in person, as the header shows them. */
export interface Viewer {
  username: string;
  displayName: string;
  isAdmin: boolean;
  /** Only a session can be ended here: a proxy header or an API token signs the next request in again. */
  canSignOut: boolean;
}

export interface ViewContext {
  locale: Locale;
  t: Translate;
  /** Path and query of this request, to build the language switch link and the sign-in link's `next`. */
  path: string;
  styles: string[];
  /**
   * Scripts that enhance the header on every page (the search box's title suggestions, client/src/typeahead).
   * Absent on pages that must carry no script of ours, and before the client is built.
   */
  headerScripts?: readonly string[];
  /** null for a visitor who is not signed in. */
  viewer: Viewer | null;
  /**
   * The CSRF token forms post back in `_csrf`. Empty for anonymous visitors, so that reading pages sets no
   * cookie; the sign-in and setup pages ask for one of their own.
   */
  csrf: string;
  /** Atom feeds of what the page shows, announced to feed readers and browsers with <link rel="alternate">. */
  feeds?: readonly FeedLink[];
  /** Link previews (OpenGraph, Twitter card) and oEmbed discovery; generic when absent. */
  meta?: ViewMeta;
}

export interface FeedLink {
  title: string;
  href: string;
}

export function withLang(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

export const profileUrl = (username: string) => `/users/${encodeURIComponent(username)}`;

/** Pages that sign-in should not send people back to once they are signed in. */
const noReturn = ['/login', '/logout', '/setup'];

/** The sign-in page, coming back to `next` (a path of this site) afterwards. */
export function signInUrl(next: string): string {
  const { pathname } = new URL(next, 'http://x');
  if (noReturn.includes(pathname) || pathname.startsWith('/auth/')) return '/login';
  return `/login?next=${encodeURIComponent(next)}`;
}

export function CsrfInput(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

function AccountArea(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const { t, viewer } = ctx;
  if (!viewer) {
    return (
      <div className="site-header__account">
        <a href={signInUrl(ctx.path)}>{t('auth.signIn')}</a>
      </div>
    );
  }
  return (
    <nav aria-label={t('auth.accountNav')} className="site-header__account">
      <ul>
        <li>
          <a href={profileUrl(viewer.username)}>{viewer.displayName}</a>
        </li>
        <li>
          <a href="/account">{t('auth.account')}</a>
        </li>
        {viewer.canSignOut && (
          <li>
            <form method="post" action="/logout" className="site-header__sign-out">
              <CsrfInput token={ctx.csrf} />
              <button type="submit" className="link-button">
                {t('auth.signOut')}
              </button>
            </form>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * The typeahead's strings in the page's language, as JSON carried by its script element. Every page carries
 * them, so each language's JSON is worked out once rather than by walking the catalogue on every render.
 */
const typeaheadJson = new Map<Locale, string>();
function typeaheadMessages(locale: Locale): string {
  let json = typeaheadJson.get(locale);
  if (json === undefined) {
    json = JSON.stringify(messagesWithPrefix(locale, ['typeahead.']));
    typeaheadJson.set(locale, json);
  }
  return json;
}

export function Layout(props: {
  ctx: ViewContext;
  title: string;
  children: ReactNode;
  scripts?: string[];
  head?: ReactNode;
}) {
  const { ctx, title, children } = props;
  const { t, locale } = ctx;
  const other = otherLocale(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('app.name')}`}</title>
        <PreviewMeta locale={locale} t={t} path={ctx.path} title={title} meta={ctx.meta} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {ctx.styles.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {ctx.feeds?.map((feed) => (
          <link key={feed.href} rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
        ))}
        {props.head}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skipToContent')}
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <a className="site-header__brand" href="/">
              {t('app.name')}
            </a>
            <nav aria-label={t('nav.main')} className="site-header__nav">
              <ul>
                <li>
                  <a href="/">{t('nav.home')}</a>
                </li>
                <li>
                  <a href="/spaces">{t('nav.spaces')}</a>
                </li>
                <li>
                  <a href="/catalogue">{t('catalogue.nav')}</a>
                </li>
                {ctx.viewer?.isAdmin && (
                  <li>
                    <a href="/admin">{t('auth.administration')}</a>
                  </li>
                )}
              </ul>
            </nav>
            <form role="search" method="get" action="/search" className="site-header__search" aria-label={t('search.header.label')}>
              <label htmlFor="site-search-q" className="visually-hidden">
                {t('search.header.input')}
              </label>
              <input type="search" id="site-search-q" name="q" maxLength={200} autoComplete="off" />
              <button type="submit" className="button">
                {t('search.header.submit')}
              </button>
            </form>
            <AccountArea ctx={ctx} />
            <a className="site-header__lang" href={withLang(ctx.path, other)} lang={other} hrefLang={other}>
              <span aria-hidden="true">{t('nav.language')}</span>
              <span className="visually-hidden">{t('nav.languageLabel')}</span>
            </a>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="container">
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t('footer.about')}</p>
            <p>
              <a href="/widgets">{t('widgets.footerLink')}</a>
            </p>
          </div>
        </footer>
        {(ctx.headerScripts ?? []).map((src) => (
          <script key={src} type="module" src={src} data-typeahead={typeaheadMessages(locale)} />
        ))}
        {(props.scripts ?? []).map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </body>
    </html>
  );
}

/**
 * The classification of what is on the page, in words in both official languages (never colour alone), with
 * the space it belongs to. Shown above a page and its editor.
 */
export function ClassificationBanner(props: { ctx: ViewContext; space: { name: string; classification: Classification } }) {
  const { ctx, space } = props;
  const { t } = ctx;
  const other = otherLocale(ctx.locale);
  const key = `classification.${space.classification}` as const;
  return (
    <div role="note" aria-label={t('classification.label')} className={`classification classification--${space.classification}`}>
      <p>
        <strong className="classification__marking">{t(key)}</strong>
        <span aria-hidden="true"> / </span>
        <strong className="classification__marking" lang={other}>
          {translator(other)(key)}
        </strong>
        <span className="classification__space">{t('classification.space', { name: space.name })}</span>
      </p>
    </div>
  );
}

/** A trail of links back up to where a page sits (administration, a wiki page and its history). */
export function Breadcrumb(props: { label: string; trail: { href: string; label: string }[] }) {
  return (
    <nav aria-label={props.label} className="admin-breadcrumb">
      <ol>
        {props.trail.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A moment as a machine-readable <time> with a localized label. */
export function When(props: { ms: number; locale: Locale }) {
  return <time dateTime={new Date(props.ms).toISOString()}>{formatWhen(props.ms, props.locale)}</time>;
}

/** Building an Intl formatter costs far more than using one: one per locale, made once. */
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short' }),
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'medium', timeStyle: 'short' }),
};

export function formatWhen(ms: number, locale: Locale): string {
  return dateFormats[locale].format(new Date(ms));
}
