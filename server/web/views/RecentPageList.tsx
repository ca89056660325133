// A list of pages with when each last changed, as the home page and a space's page show them.
import type { PageSummaryRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import { formatWhen, type ViewContext } from './Layout.js';

export function RecentPageList(props: { ctx: ViewContext; pages: PageSummaryRow[] }) {
  const { ctx } = props;
  return (
    <ul className="page-list">
      {props.pages.map((page) => (
        <li key={page.id}>
          <a href={pageUrl(page.slug)}>{page.title}</a>{' '}
          <span className="page-list__meta">{ctx.t('home.updated', { when: formatWhen(page.updated_at, ctx.locale) })}</span>
        </li>
      ))}
    </ul>
  );
}
