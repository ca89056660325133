// The spaces a person may read, with what each holds and what they may do there.
import type { Access } from '../../auth/permissions.js';
import { ClassificationBanner, Layout, type ViewContext } from '../../web/views/Layout.js';
import type { Space } from '../spaces.service.js';

export const spaceUrl = (slug: string) => `/spaces/${encodeURIComponent(slug)}`;

export function SpacesPage(props: { ctx: ViewContext; spaces: { space: Space; pages: number; access: Access }[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('spaces.title')}>
      <h1>{t('spaces.title')}</h1>
      <p>{t('spaces.intro')}</p>
      <ul className="space-list">
        {props.spaces.map(({ space, pages, access }) => (
          <li key={space.id} className="space-list__item">
            <h2>
              <a href={spaceUrl(space.slug)}>{space.name}</a>
            </h2>
            <ClassificationBanner ctx={ctx} space={space} />
            {space.description && <p>{space.description}</p>}
            <p className="page-list__meta">
              {t('spaces.pageCount', { count: pages })} · {t(access === 'write' ? 'spaces.youMayWrite' : 'spaces.youMayRead')}
              {space.access === 'restricted' && <> · {t('spaces.restricted')}</>}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
