// /widgets: how a portal author adds the widgets, with both elements live on the page (they load /widgets.js
// from this origin, which the CSP allows, and read as a visitor who is not signed in).
import { createElement } from 'react';
import type { MessageKey } from '../../shared/i18n/index.js';
import { Layout, type ViewContext } from '../web/views/Layout.js';
import { DEFAULT_WIDGET_LIMIT } from './widgetsScript.js';

interface Attribute {
  name: string;
  meaning: MessageKey;
}

const searchAttributes: Attribute[] = [
  { name: 'space', meaning: 'widgets.page.attr.spaceSearch' },
  { name: 'lang', meaning: 'widgets.page.attr.lang' },
  { name: 'placeholder', meaning: 'widgets.page.attr.placeholder' },
  { name: 'target', meaning: 'widgets.page.attr.target' },
];

const recentAttributes: Attribute[] = [
  { name: 'space', meaning: 'widgets.page.attr.spaceRecent' },
  { name: 'limit', meaning: 'widgets.page.attr.limit' },
  { name: 'lang', meaning: 'widgets.page.attr.lang' },
  { name: 'heading', meaning: 'widgets.page.attr.heading' },
  { name: 'heading-level', meaning: 'widgets.page.attr.headingLevel' },
  { name: 'target', meaning: 'widgets.page.attr.target' },
];

function AttributeTable(props: { ctx: ViewContext; element: string; attributes: Attribute[] }) {
  const { t } = props.ctx;
  return (
    <div className="table-scroll">
      <table className="admin-table">
        <caption>{t('widgets.page.attributes', { element: `<${props.element}>` })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('widgets.page.attribute')}</th>
            <th scope="col">{t('widgets.page.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          {props.attributes.map((attribute) => (
            <tr key={attribute.name}>
              <th scope="row">
                <code>{attribute.name}</code>
              </th>
              <td>{t(attribute.meaning)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WidgetsPage(props: { ctx: ViewContext; origin: string; scriptUrl: string }) {
  const { ctx, origin } = props;
  const { t, locale } = ctx;
  const include = `<script src="${origin}/widgets.js" defer></script>`;
  const searchExample = `<ensemble-search space="Main" lang="${locale}"></ensemble-search>`;
  const recentExample = `<ensemble-recent space="Main" limit="${DEFAULT_WIDGET_LIMIT}" heading="${t('widgets.page.exampleHeading')}" lang="${locale}"></ensemble-recent>`;
  return (
    <Layout ctx={ctx} title={t('widgets.page.title')} head={<script src={props.scriptUrl} defer />}>
      <h1>{t('widgets.page.title')}</h1>
      <p>{t('widgets.page.intro')}</p>

      <h2>{t('widgets.page.setupTitle')}</h2>
      <p>{t('widgets.page.setupBody')}</p>
      <p>{t('widgets.page.anonymousBody')}</p>

      <h2>{t('widgets.page.includeTitle')}</h2>
      <p>{t('widgets.page.includeBody')}</p>
      <pre>
        <code>{include}</code>
      </pre>

      <h2>
        {t('widgets.page.searchTitle')}: <code>{'<ensemble-search>'}</code>
      </h2>
      <p>{t('widgets.page.searchBody')}</p>
      <pre>
        <code>{searchExample}</code>
      </pre>
      <AttributeTable ctx={ctx} element="ensemble-search" attributes={searchAttributes} />

      <h2>
        {t('widgets.page.recentTitle')}: <code>{'<ensemble-recent>'}</code>
      </h2>
      <p>{t('widgets.page.recentBody')}</p>
      <pre>
        <code>{recentExample}</code>
      </pre>
      <AttributeTable ctx={ctx} element="ensemble-recent" attributes={recentAttributes} />

      <h2>{t('widgets.page.exampleTitle')}</h2>
      <p>{t('widgets.page.exampleBody')}</p>
      <div className="widgets-example">
        {createElement('ensemble-search', { lang: locale })}
        {createElement('ensemble-recent', { lang: locale, limit: String(DEFAULT_WIDGET_LIMIT), heading: t('widgets.page.exampleHeading'), 'heading-level': '3' })}
      </div>
    </Layout>
  );
}
