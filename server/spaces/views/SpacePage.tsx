// One space: its classification, description, recently changed pages, and (for people who may write in it)
// a form that creates a page there. Plain forms, so it all works without JavaScript.
import type { FormState } from '../../admin/views/fields.js';
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import type { TemplateSummary } from '../../pages/templates.js';
import { RecentPageList } from '../../web/views/RecentPageList.js';
import { CreatePageForm } from '../../web/views/CreatePageForm.js';
import { ClassificationBanner, Layout, type ViewContext } from '../../web/views/Layout.js';
import type { Space } from '../spaces.service.js';
import { spaceUrl } from './SpacesPage.js';

export function SpacePage(props: {
  ctx: ViewContext;
  space: Space;
  pages: PageSummaryRow[];
  moreUrl: string | null;
  canCreate: boolean;
  /** What a new page may start from (only needed when the viewer may create pages). */
  templates: TemplateSummary[];
  /** The create form as submitted, with what was wrong with it. */
  form?: FormState;
}) {
  const { ctx, space } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={space.name}>
      <ClassificationBanner ctx={ctx} space={space} />
      <h1>{space.name}</h1>
      {space.description && <p>{space.description}</p>}
      {props.canCreate && (
        <CreatePageForm
          ctx={ctx}
          heading={t('spaces.createIn', { name: space.name })}
          action={`${spaceUrl(space.slug)}/pages`}
          templates={props.templates}
          form={props.form}
        />
      )}
      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{t('spaces.pages')}</h2>
        {props.pages.length === 0 ? (
          <p>{t('spaces.noPages')}</p>
        ) : (
          <RecentPageList ctx={ctx} pages={props.pages} />
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
