// The frame of every server-rendered page: language, skip link, header, main landmark, footer.
// Pages work without JavaScript; scripts only enhance.
import type { ReactNode } from 'react';
import type { Locale, Translate } from '../../../shared/i18n/index.js';
import { otherLocale } from '../../../shared/i18n/index.js';

export interface ViewContext {
  locale: Locale;
  t: Translate;
  /** Path and query of this request, to build the language switch link. */
  path: string;
  styles: string[];
}

export function withLang(path: string, locale: Locale): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
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
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {ctx.styles.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
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
              </ul>
            </nav>
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
          </div>
        </footer>
        {(props.scripts ?? []).map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </body>
    </html>
  );
}

export function formatWhen(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(ms));
}
