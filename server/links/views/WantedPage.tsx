// /pages/new?title=…: where a red link leads. People who may create pages get the usual creation form (the
// home page's), with the title filled in; others are told the page does not exist and that they cannot create it.
import type { TemplateSummary } from '../../pages/templates.js';
import { CreatePageForm } from '../../web/views/CreatePageForm.js';
import { Layout, type ViewContext } from '../../web/views/Layout.js';

export function WantedPage(props: { ctx: ViewContext; title: string; canCreate: boolean; templates: TemplateSummary[] }) {
  const { ctx, title } = props;
  const { t } = ctx;
  const heading = t('links.wanted.title', { title });
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      {props.canCreate ? (
        <>
          <p>{t('links.wanted.intro')}</p>
          <CreatePageForm
            ctx={ctx}
            heading={t('home.create')}
            action="/pages/new"
            templates={props.templates}
            form={{ values: { title, template: 'blank', lang: ctx.locale }, errors: [] }}
          />
        </>
      ) : (
        <p>{t('links.wanted.cannotCreate', { title })}</p>
      )}
      <p>
        <a href="/">{t('error.back')}</a>
      </p>
    </Layout>
  );
}
