// /wiki/:slug/authors: the current text, each run of it marked with who wrote it. Colour is never the only
// cue: every run starts with its author's number (explained in the legend) and says the name to screen readers.
import { createElement, type ReactNode } from 'react';
import { profileUrl, type ViewContext } from '../../web/views/Layout.js';
import type { Attribution, AttributionAuthor, AttributionBlock } from '../types.js';
import { formatCount, HistoryFrame, type HistoryPageRef } from './historyParts.js';

/** Colours in the palette (site.css .attr--c0…); past it, the underline style changes (.attr--s1…). */
const PALETTE_SIZE = 8;
const UNDERLINE_STYLES = 4;

export const authorClass = (index: number) =>
  `attr attr--c${index % PALETTE_SIZE} attr--s${Math.floor(index / PALETTE_SIZE) % UNDERLINE_STYLES}`;

export function AuthorsPage(props: { ctx: ViewContext; of: HistoryPageRef; attribution: Attribution }) {
  const { ctx, of, attribution } = props;
  const { t } = ctx;
  const nameOf = (author: AttributionAuthor) => author.displayName ?? t('history.authors.unknown');
  const hidden = attribution.authors.map((author) =>
    author.userId === null || author.displayName === null ? t('history.authors.writtenByUnknown') : t('history.authors.writtenBy', { name: author.displayName }),
  );
  const empty = attribution.blocks.every((block) => block.runs.every((run) => run.text.trim() === ''));
  return (
    <HistoryFrame ctx={ctx} of={of} underHistory title={t('history.authors.title', { title: of.page.title })}>
      <p>{t('history.authors.intro')}</p>
      {attribution.authors.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table history-legend-table">
            <caption>{t('history.authors.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.authors.marker')}</th>
                <th scope="col">{t('history.authors.name')}</th>
                <th scope="col" className="admin-table__number">
                  {t('history.authors.characters')}
                </th>
              </tr>
            </thead>
            <tbody>
              {attribution.authors.map((author, i) => (
                <tr key={i}>
                  <td>
                    <span className={`${authorClass(i)} attr-swatch`}>{i + 1}</span>
                  </td>
                  <th scope="row">{author.username ? <a href={profileUrl(author.username)}>{nameOf(author)}</a> : nameOf(author)}</th>
                  <td className="admin-table__number">{formatCount(author.characters, ctx.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="attributed-heading">
        <h2 id="attributed-heading">{t('history.authors.textHeading')}</h2>
        {empty ? (
          <p className="page__empty">{t('page.empty')}</p>
        ) : (
          <div className="ens-content attributed" lang={of.page.lang}>
            {groupLists(attribution.blocks).map((item, i) =>
              Array.isArray(item) ? (
                <ul key={i} className="ens-ul">
                  {item.map((block, j) => (
                    <li key={j} className="ens-li">
                      <Runs block={block} hidden={hidden} />
                    </li>
                  ))}
                </ul>
              ) : (
                <BlockElement key={i} block={item} hidden={hidden} />
              ),
            )}
          </div>
        )}
      </section>
    </HistoryFrame>
  );
}

/** Consecutive list items go in one list. */
function groupLists(blocks: AttributionBlock[]): (AttributionBlock | AttributionBlock[])[] {
  const out: (AttributionBlock | AttributionBlock[])[] = [];
  for (const block of blocks) {
    const last = out[out.length - 1];
    if (block.kind === 'listitem') {
      if (Array.isArray(last)) last.push(block);
      else out.push([block]);
    } else out.push(block);
  }
  return out;
}

const elementOf: Record<Exclude<AttributionBlock['kind'], 'listitem'>, [tag: string, className: string]> = {
  paragraph: ['p', 'ens-p'],
  cell: ['p', 'ens-p attributed__cell'],
  h1: ['h1', 'ens-h1'],
  h2: ['h2', 'ens-h2'],
  h3: ['h3', 'ens-h3'],
  h4: ['h4', 'ens-h4'],
  h5: ['h5', 'ens-h5'],
  h6: ['h6', 'ens-h6'],
  quote: ['blockquote', 'ens-quote'],
  code: ['pre', 'ens-code'],
};

function BlockElement(props: { block: AttributionBlock; hidden: string[] }) {
  const [tag, className] = elementOf[props.block.kind as keyof typeof elementOf] ?? elementOf.paragraph;
  return createElement(tag, { className }, <Runs block={props.block} hidden={props.hidden} />);
}

function Runs(props: { block: AttributionBlock; hidden: string[] }): ReactNode {
  return props.block.runs.map((run, i) => (
    <span key={i} className={authorClass(run.author)}>
      <sup className="attr__marker" aria-hidden="true">
        {run.author + 1}
      </sup>
      <span className="visually-hidden">{props.hidden[run.author] ?? ''}</span>
      {run.text}
    </span>
  ));
}
