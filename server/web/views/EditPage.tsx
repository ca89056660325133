// The shell of the live editor. The browser bundle mounts into #ensemble-editor using the boot data;
// without JavaScript the reader is told so and still gets the rendered page.
import type { PageRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { COLLAB_PATH } from '../../../shared/collabProtocol.js';
import { Layout, type ViewContext } from './Layout.js';

export interface EditorBoot {
  pageId: string;
  slug: string;
  title: string;
  locale: string;
  collabUrl: string;
  viewUrl: string;
}

/** JSON inside <script type="application/json">: "<" is escaped so content can never close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function EditPage(props: { ctx: ViewContext; page: PageRow; scripts: string[] }) {
  const { ctx, page } = props;
  const { t } = ctx;
  const boot: EditorBoot = {
    pageId: page.id,
    slug: page.slug,
    title: page.title,
    locale: ctx.locale,
    collabUrl: COLLAB_PATH,
    viewUrl: pageUrl(page.slug),
  };
  return (
    <Layout ctx={ctx} title={t('editor.heading', { title: page.title })} scripts={props.scripts}>
      <h1 className="visually-hidden">{t('editor.heading', { title: page.title })}</h1>
      <script type="application/json" id="ensemble-boot" dangerouslySetInnerHTML={{ __html: scriptSafeJson(boot) }} />
      <div id="ensemble-editor">
        <noscript>
          <p className="notice">{t('editor.noscript')}</p>
          <p>
            <a href={pageUrl(page.slug)}>{t('editor.view')}</a>
          </p>
        </noscript>
        <p className="editor-loading">{t('editor.loading')}</p>
      </div>
    </Layout>
  );
}
