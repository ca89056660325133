// Pieces the history views share: addresses, the frame (breadcrumb, classification, heading), dates in the
// reader's language, sentences with elements inside them, plurals, author lists, change measures and the
// name-and-summary form of a version.
import { Fragment, type ReactNode } from 'react';
import type { PageRow } from '../../pages/pages.repo.js';
import { pageUrl } from '../../pages/presenter.js';
import type { Locale, MessageKey, Translate } from '../../../shared/i18n/index.js';
import { ErrorSummary, TextArea, TextField, type FormState } from '../../admin/views/fields.js';
import { Breadcrumb, ClassificationBanner, CsrfInput, Layout, profileUrl, When, type ViewContext } from '../../web/views/Layout.js';
import { MAX_VERSION_NAME, MAX_VERSION_SUMMARY } from '../history.service.js';

export { When } from '../../web/views/Layout.js';
import type { SpaceLabel } from '../../web/views/PageView.js';
import type { RevisionAuthor, RevisionSummary } from '../types.js';

export const historyUrl = (slug: string) => `${pageUrl(slug)}/history`;
export const revisionUrl = (slug: string, n: number) => `${pageUrl(slug)}/revisions/${n}`;
export const diffUrl = (slug: string, from: number, to: number) => `${pageUrl(slug)}/diff?from=${from}&to=${to}`;
export const authorsUrl = (slug: string) => `${pageUrl(slug)}/authors`;

/** What every history view knows about the page it is about. */
export interface HistoryPageRef {
  page: PageRow;
  space: SpaceLabel;
}

/**
 * Layout, a breadcrumb back to the page (and its history), the page's classification, and the heading.
 * Old revisions carry the classification of the space like the page itself.
 */
export function HistoryFrame(props: {
  ctx: ViewContext;
  of: HistoryPageRef;
  title: string;
  /** Whether the history belongs in the breadcrumb (every view but the history itself). */
  underHistory?: boolean;
  notice?: string;
  children: ReactNode;
}) {
  const { ctx, of } = props;
  const { t } = ctx;
  const trail = [{ href: pageUrl(of.page.slug), label: of.page.title }];
  if (props.underHistory) trail.push({ href: historyUrl(of.page.slug), label: t('page.history') });
  return (
    <Layout ctx={ctx} title={props.title}>
      <Breadcrumb label={t('history.breadcrumb')} trail={trail} />
      <ClassificationBanner ctx={ctx} space={of.space} />
      <h1>{props.title}</h1>
      {props.notice && (
        <div className="admin-notice" role="status">
          <p>{props.notice}</p>
        </div>
      )}
      {props.children}
    </Layout>
  );
}


/** A translated sentence whose `{placeholders}` are elements (a <time>, links), not just text. */
export function Rich(props: { t: Translate; k: MessageKey; values: Record<string, ReactNode> }) {
  const pieces = props.t(props.k).split(/\{(\w+)\}/);
  return (
    <>
      {pieces.map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{piece in props.values ? props.values[piece] : `{${piece}}`}</Fragment> : piece))}
    </>
  );
}

const numberFormats: Record<Locale, Intl.NumberFormat> = { en: new Intl.NumberFormat('en-CA'), fr: new Intl.NumberFormat('fr-CA') };
const pluralRules: Record<Locale, Intl.PluralRules> = { en: new Intl.PluralRules('en'), fr: new Intl.PluralRules('fr') };
const listFormats: Record<Locale, Intl.ListFormat> = {
  en: new Intl.ListFormat('en', { type: 'conjunction' }),
  fr: new Intl.ListFormat('fr', { type: 'conjunction' }),
};

export const formatCount = (n: number, locale: Locale) => numberFormats[locale].format(n);

type PluralBase = 'history.change.added' | 'history.change.removed' | 'history.diff.added' | 'history.diff.removed' | 'history.diff.unchanged';

/** "1 word added" / "3 words added": French counts 0 and 1 as singular, English only 1. */
export function plural(ctx: Pick<ViewContext, 't' | 'locale'>, base: PluralBase, count: number): string {
  const form = pluralRules[ctx.locale].select(count) === 'one' ? 'one' : 'other';
  return ctx.t(`${base}.${form}`, { count: formatCount(count, ctx.locale) });
}

/** Names joined the way the language does it ("A, B and C" / « A, B et C »), each an element. */
export function JoinedList(props: { locale: Locale; items: { key: string; node: ReactNode }[] }) {
  const format = listFormats[props.locale];
  let index = 0;
  return (
    <>
      {format.formatToParts(props.items.map((item) => item.key)).map((part, i) =>
        part.type === 'element' ? <Fragment key={i}>{props.items[index++]?.node}</Fragment> : part.value,
      )}
    </>
  );
}

export function AuthorNames(props: { locale: Locale; authors: { userId: string; username?: string; displayName: string }[] }) {
  return (
    <JoinedList
      locale={props.locale}
      items={props.authors.map((a) => ({
        key: a.userId,
        node: a.username ? <a href={profileUrl(a.username)}>{a.displayName}</a> : a.displayName,
      }))}
    />
  );
}

/** "+120 / −14 characters" to see, "120 characters added, 14 characters removed" to hear. */
export function ChangeMeasure(props: { ctx: ViewContext; author: Pick<RevisionAuthor, 'inserted' | 'deleted'> }) {
  const { ctx, author } = props;
  return (
    <span className="history-change">
      <span aria-hidden="true">
        {ctx.t('history.change.visible', { inserted: formatCount(author.inserted, ctx.locale), deleted: formatCount(author.deleted, ctx.locale) })}
      </span>
      <span className="visually-hidden">
        {`${plural(ctx, 'history.change.added', author.inserted)}, ${plural(ctx, 'history.change.removed', author.deleted)}`}
      </span>
    </span>
  );
}

/** Why a revision exists, in words: automatic cuts say which rule closed them. */
export function triggerLabel(t: Translate, revision: Pick<RevisionSummary, 'trigger' | 'restoredFrom'>): string {
  switch (revision.trigger) {
    case 'created':
      return t('history.trigger.created');
    case 'saved':
      return t('history.trigger.saved');
    case 'restored':
      return revision.restoredFrom === null ? t('history.trigger.restoredUnknown') : t('history.trigger.restored', { n: revision.restoredFrom });
    case 'quiet':
      return t('history.trigger.quiet');
    case 'left':
      return t('history.trigger.left');
    case 'interval':
      return t('history.trigger.interval');
    case 'recovered':
      return t('history.trigger.recovered');
    case 'checkpoint':
      return t('history.trigger.checkpoint');
  }
}

/** "Saved <date> by A and B", for the headers of a revision and of a comparison. */
export function SavedBy(props: { ctx: ViewContext; revision: RevisionSummary }) {
  const { ctx, revision } = props;
  const when = <When ms={revision.createdAt} locale={ctx.locale} />;
  if (revision.authors.length === 0) return <Rich t={ctx.t} k="history.diff.saved" values={{ when }} />;
  return <Rich t={ctx.t} k="history.diff.savedBy" values={{ when, authors: <AuthorNames locale={ctx.locale} authors={revision.authors} /> }} />;
}

/**
 * A version's name and summary: the one form behind "save a version" (the page as it is now) and "name this
 * revision" (one that exists). Shown fresh it holds `initial`; after an error, what was typed.
 */
export function VersionForm(props: {
  ctx: ViewContext;
  /** Prefix of the ids of the form's heading, fields and errors. */
  formId: string;
  action: string;
  heading: string;
  intro: ReactNode;
  submit: string;
  form?: FormState;
  initial?: { name: string; summary: string };
  level?: 2 | 3;
  className?: string;
}) {
  const { ctx, formId, form } = props;
  const { t } = ctx;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  const headingId = `${formId}-heading`;
  return (
    <section aria-labelledby={headingId} className={props.className ? `panel ${props.className}` : 'panel'}>
      <Heading id={headingId}>{props.heading}</Heading>
      <p>{props.intro}</p>
      <ErrorSummary t={t} formId={formId} form={form} level={props.level === 2 ? 2 : 3} />
      <form method="post" action={props.action} noValidate className="admin-form" aria-labelledby={headingId}>
        <CsrfInput token={ctx.csrf} />
        <TextField
          formId={formId}
          name="name"
          label={t('history.save.name')}
          hint={t('history.save.nameHint', { max: MAX_VERSION_NAME })}
          form={form}
          initial={props.initial?.name}
          maxLength={MAX_VERSION_NAME}
          required
        />
        <TextArea
          formId={formId}
          name="summary"
          label={t('history.save.summary')}
          hint={t('history.save.summaryHint', { max: MAX_VERSION_SUMMARY })}
          form={form}
          initial={props.initial?.summary}
          maxLength={MAX_VERSION_SUMMARY}
        />
        <button type="submit" className="button button--primary">
          {props.submit}
        </button>
      </form>
    </section>
  );
}
