// The shell of the live editor. The browser bundle mounts into #ensemble-editor using the boot data;
// without JavaScript the reader is told so and still gets the rendered page. People who may only read the
// page get the same editor, read-only (the live channel drops their edits in any case).
import type { PageRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { COLLAB_PATH } from '../../../shared/collabProtocol.js';
import { ClassificationBanner, Layout, signInUrl, type ViewContext } from './Layout.js';
import type { SpaceLabel } from './PageView.js';

export interface EditorBoot {
  pageId: string;
  slug: string;
  title: string;
  locale: string;
  collabUrl: string;
  viewUrl: string;
  /** Who is editing: the name others see in the presence list. */
  user: { id: string; displayName: string } | null;
  /** False for people who may only read the page: the editor opens read-only. */
  canWrite: boolean;
  /** For requests the editor makes with the session cookie (header `x-csrf-token`). */
  csrfToken: string;
  /** Where to sign in again, coming back to this editor, if the session ends while editing. */
  signInUrl: string;
}

/** JSON inside <script type="application/json">: "<" is escaped so content can never close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function EditPage(props: {
  ctx: ViewContext;
  page: PageRow;
  space: SpaceLabel;
  scripts: string[];
  user: { id: string; displayName: string } | null;
  canWrite: boolean;
}) {
  const { ctx, page } = props;
  const { t } = ctx;
  const boot: EditorBoot = {
    pageId: page.id,
    slug: page.slug,
    title: page.title,
    locale: ctx.locale,
    collabUrl: COLLAB_PATH,
    viewUrl: pageUrl(page.slug),
    user: props.user,
    canWrite: props.canWrite,
    csrfToken: ctx.csrf,
    signInUrl: signInUrl(`${pageUrl(page.slug)}/edit`),
  };
  return (
    <Layout ctx={ctx} title={t('editor.heading', { title: page.title })} scripts={props.scripts}>
      <h1 className="visually-hidden">{t('editor.heading', { title: page.title })}</h1>
      <ClassificationBanner ctx={ctx} space={props.space} />
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
