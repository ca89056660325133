// /wiki/:slug/links: the pages that link to this one, by title, each with its space; how many there are; and a
// plain list that needs no JavaScript. Only pages the reader may read are listed or counted.
import type { PageRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { Breadcrumb, ClassificationBanner, Layout, type ViewContext } from '../../web/views/Layout.js';
import type { SpaceLabel } from '../../web/views/PageView.js';

export const backlinksUrl = (slug: string) => `${pageUrl(slug)}/links`;

export interface BacklinkItem {
  id: string;
  slug: string;
  title: string;
  spaceName: string;
}

const pluralRules = { en: new Intl.PluralRules('en'), fr: new Intl.PluralRules('fr') };

export function BacklinksPage(props: {
  ctx: ViewContext;
  page: PageRow;
  space: SpaceLabel;
  items: BacklinkItem[];
  total: number;
  previous: string | null;
  next: string | null;
}) {
  const { ctx, page, items, total } = props;
  const { t } = ctx;
  const title = t('links.title', { title: page.title });
  const form = pluralRules[ctx.locale].select(total) === 'one' ? 'one' : 'other';
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumb label={t('history.breadcrumb')} trail={[{ href: pageUrl(page.slug), label: page.title }]} />
      <ClassificationBanner ctx={ctx} space={props.space} />
      <h1>{title}</h1>
      <p>{t('links.intro')}</p>
      {total === 0 ? (
        <p className="page__empty">{t('links.none')}</p>
      ) : (
        <>
          <p>{t(`links.count.${form}`, { count: total.toLocaleString(ctx.locale === 'fr' ? 'fr-CA' : 'en-CA') })}</p>
          <ul className="page-list" aria-label={t('links.listLabel')}>
            {items.map((item) => (
              <li key={item.id}>
                <a href={pageUrl(item.slug)}>{item.title}</a> <span className="page-list__meta">{t('links.inSpace', { space: item.spaceName })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {(props.previous || props.next) && (
        <nav aria-label={t('links.pagination')} className="search-pagination">
          <ul>
            {props.previous && (
              <li>
                <a href={props.previous} rel="prev">
                  {t('links.previous')}
                </a>
              </li>
            )}
            {props.next && (
              <li>
                <a href={props.next} rel="next">
                  {t('links.next')}
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}
