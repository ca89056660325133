// /wiki/:slug/diff?from=&to=: a word diff that reads without colour. Deletions are struck through, insertions
// underlined and bold, and both say what they are in words to screen readers; long unchanged stretches fold
// into a <details> that opens without JavaScript.
import type { ReactNode } from 'react';
import type { ViewContext } from '../../web/views/Layout.js';
import type { DiffBlock, DiffPart, RevisionDiff, RevisionSummary } from '../types.js';
import { diffUrl, HistoryFrame, plural, revisionUrl, SavedBy, type HistoryPageRef } from './historyParts.js';

/** Unchanged runs up to this long are shown whole; longer ones keep one paragraph of context each side. */
const SHOWN_UNCHANGED_RUN = 3;

export function DiffPage(props: { ctx: ViewContext; of: HistoryPageRef; diff: RevisionDiff; latest: number }) {
  const { ctx, of, diff } = props;
  const { t } = ctx;
  const slug = of.page.slug;
  const from = diff.from.number;
  const to = diff.to.number;
  const changed = diff.blocks.some((block) => block.change !== 'equal');
  // Comparing neighbours, the reader can step to the change before or after.
  const stepping = to === from + 1;
  return (
    <HistoryFrame ctx={ctx} of={of} underHistory title={t('history.diff.title', { title: of.page.title, from, to })}>
      <div className="history-diff__header">
        <RevisionHeader ctx={ctx} slug={slug} revision={diff.from} side="from" />
        <RevisionHeader ctx={ctx} slug={slug} revision={diff.to} side="to" />
      </div>
      <p className="history-diff__counts">
        <strong>{`${plural(ctx, 'history.diff.added', diff.insertedWords)}, ${plural(ctx, 'history.diff.removed', diff.deletedWords)}`}</strong>
      </p>
      {stepping && (from > 1 || to < props.latest) && (
        <nav aria-label={t('history.diff.nav')}>
          <ul className="history-links">
            {from > 1 && (
              <li>
                <a href={diffUrl(slug, from - 1, from)}>{t('history.diff.older')}</a>
              </li>
            )}
            {to < props.latest && (
              <li>
                <a href={diffUrl(slug, to, to + 1)}>{t('history.diff.newer')}</a>
              </li>
            )}
          </ul>
        </nav>
      )}
      <DiffLegend ctx={ctx} />

      {diff.title && (
        <section aria-labelledby="diff-title-heading">
          <h2 id="diff-title-heading">{t('history.diff.titleHeading')}</h2>
          <p className="diff-block diff-block--modified">
            <Parts ctx={ctx} parts={diff.title} />
          </p>
        </section>
      )}

      <section aria-labelledby="diff-text-heading" className="history-diff">
        <h2 id="diff-text-heading">{t('history.diff.textHeading')}</h2>
        {!changed && <p>{t('history.diff.noChanges')}</p>}
        {foldUnchanged(diff.blocks.filter((block) => block.change !== 'equal' || block.parts.some((part) => part.text.trim() !== ''))).map((item, i) =>
          item.kind === 'block' ? (
            <Block key={i} ctx={ctx} block={item.block} />
          ) : (
            <details key={i} className="diff-fold">
              <summary>{plural(ctx, 'history.diff.unchanged', item.blocks.length)}</summary>
              {item.blocks.map((block, j) => (
                <Block key={j} ctx={ctx} block={block} />
              ))}
            </details>
          ),
        )}
      </section>
    </HistoryFrame>
  );
}

function RevisionHeader(props: { ctx: ViewContext; slug: string; revision: RevisionSummary; side: 'from' | 'to' }) {
  const { ctx, revision } = props;
  const { t } = ctx;
  return (
    <div className={`history-diff__side history-diff__side--${props.side}`}>
      <h2>{t(props.side === 'from' ? 'history.diff.from' : 'history.diff.to', { n: revision.number })}</h2>
      <p>
        <SavedBy ctx={ctx} revision={revision} />
      </p>
      {revision.name && <p>{t('history.namedAs', { name: revision.name })}</p>}
      <p>
        <a href={revisionUrl(props.slug, revision.number)}>{t('history.viewLabel', { n: revision.number })}</a>
      </p>
    </div>
  );
}

function DiffLegend(props: { ctx: ViewContext }) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="diff-legend-heading" className="history-legend">
      <h2 id="diff-legend-heading">{t('history.diff.legend')}</h2>
      <ul>
        <li>
          <ins aria-hidden="true">{t('history.diff.sampleIns')}</ins> {t('history.diff.legendIns')}
        </li>
        <li>
          <del aria-hidden="true">{t('history.diff.sampleDel')}</del> {t('history.diff.legendDel')}
        </li>
        <li>
          <span className="history-legend__equal" aria-hidden="true">
            ¶
          </span>{' '}
          {t('history.diff.legendEqual')}
        </li>
      </ul>
    </section>
  );
}

function Block(props: { ctx: ViewContext; block: DiffBlock }) {
  return (
    <p className={`diff-block diff-block--${props.block.change}`}>
      <Parts ctx={props.ctx} parts={props.block.parts} />
    </p>
  );
}

function Parts(props: { ctx: ViewContext; parts: DiffPart[] }) {
  const { t } = props.ctx;
  return (
    <>
      {props.parts.map((part, i): ReactNode => {
        if (part.type === 'equal') return <span key={i}>{part.text}</span>;
        if (part.type === 'insert') {
          return (
            <ins key={i}>
              <span className="visually-hidden">{t('history.diff.insStart')}</span>
              {part.text}
              <span className="visually-hidden">{t('history.diff.insEnd')}</span>
            </ins>
          );
        }
        return (
          <del key={i}>
            <span className="visually-hidden">{t('history.diff.delStart')}</span>
            {part.text}
            <span className="visually-hidden">{t('history.diff.delEnd')}</span>
          </del>
        );
      })}
    </>
  );
}

type Folded = { kind: 'block'; block: DiffBlock } | { kind: 'fold'; blocks: DiffBlock[] };

/**
 * Keeps changed blocks and one unchanged block of context on each side of them; folds the rest of each long
 * unchanged run. A diff without any change folds everything.
 */
export function foldUnchanged(blocks: DiffBlock[]): Folded[] {
  const out: Folded[] = [];
  let i = 0;
  while (i < blocks.length) {
    if (blocks[i].change !== 'equal') {
      out.push({ kind: 'block', block: blocks[i++] });
      continue;
    }
    let end = i;
    while (end < blocks.length && blocks[end].change === 'equal') end++;
    const run = blocks.slice(i, end);
    const atStart = i === 0;
    const atEnd = end === blocks.length;
    if (atStart && atEnd) {
      out.push({ kind: 'fold', blocks: run });
    } else if (run.length <= SHOWN_UNCHANGED_RUN) {
      for (const block of run) out.push({ kind: 'block', block });
    } else {
      const head = atStart ? 0 : 1;
      const tail = atEnd ? 0 : 1;
      for (const block of run.slice(0, head)) out.push({ kind: 'block', block });
      out.push({ kind: 'fold', blocks: run.slice(head, run.length - tail) });
      for (const block of run.slice(run.length - tail)) out.push({ kind: 'block', block });
    }
    i = end;
  }
  return out;
}
