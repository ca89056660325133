// One space: its classification, description, recently changed pages, and (for people who may write in it)
// a form that creates a page there. Plain forms, so it all works without JavaScript.
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { ClassificationBanner, CsrfInput, formatWhen, Layout, type ViewContext } from '../../web/views/Layout.js';
import type { Space } from '../spaces.service.js';
import { spaceUrl } from './SpacesPage.js';

export function SpacePage(props: {
  ctx: ViewContext;
  space: Space;
  pages: PageSummaryRow[];
  moreUrl: string | null;
  canCreate: boolean;
  error?: string;
  titleValue?: string;
}) {
  const { ctx, space } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={space.name}>
      <ClassificationBanner ctx={ctx} space={space} />
      <h1>{space.name}</h1>
      {space.description && <p>{space.description}</p>}
      {props.canCreate && (
        <section aria-labelledby="create-heading" className="panel">
          <h2 id="create-heading">{t('spaces.createIn', { name: space.name })}</h2>
          <form method="post" action={`${spaceUrl(space.slug)}/pages`} className="create-form" noValidate>
            <CsrfInput token={ctx.csrf} />
            <label htmlFor="new-title">{t('home.createTitleLabel')}</label>
            {props.error && (
              <p id="new-title-error" className="field-error" role="alert">
                {props.error}
              </p>
            )}
            <div className="create-form__row">
              <input
                id="new-title"
                name="title"
                type="text"
                required
                maxLength={200}
                defaultValue={props.titleValue}
                aria-invalid={props.error ? true : undefined}
                aria-describedby={props.error ? 'new-title-error' : undefined}
                autoComplete="off"
              />
              <button type="submit" className="button button--primary">
                {t('home.createSubmit')}
              </button>
            </div>
          </form>
        </section>
      )}
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{t('spaces.pages')}</h2>
        {props.pages.length === 0 ? (
          <p>{t('spaces.noPages')}</p>
        ) : (
          <ul className="page-list">
            {props.pages.map((page) => (
              <li key={page.id}>
                <a href={pageUrl(page.slug)}>{page.title}</a>{' '}
                <span className="page-list__meta">{t('home.updated', { when: formatWhen(page.updated_at, ctx.locale) })}</span>
              </li>
            ))}
          </ul>
        )}
        {props.moreUrl && (
          <p>
            <a href={props.moreUrl}>{t('spaces.more')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
