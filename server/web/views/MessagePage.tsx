// Error and not-found pages, with a way forward.
import type { ReactNode } from 'react';
import { Layout, type ViewContext } from './Layout.js';

export function MessagePage(props: { ctx: ViewContext; title: string; children?: ReactNode }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a href="/">{props.ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
