// Plain-text tables for the history benchmark.
import { HISTORY_TABLES, type HistoryStorage, type RenderingBreakdown, type Timing } from './measure.js';

export interface FullCopies {
  /** Σ over revisions of Y.encodeStateAsUpdate at the revision's boundary. */
  yjs: number;
  /** Σ over revisions of the UTF-8 bytes of the rendered html and text. */
  html: number;
  text: number;
  /** The same copies, each deflated on its own (as Ensemble stores its keyframes). */
  deflated: number;
}

export interface FinalDocument {
  textChars: number;
  textBytes: number;
  htmlBytes: number;
  yjsBytes: number;
  blocks: number;
  headings: number;
}

const group = (n: number) => Math.round(n).toLocaleString('en-US');

export function bytes(n: number): string {
  if (n < 1024) return `${group(n)} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(2)} MiB`;
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');

function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function storageReport(storage: HistoryStorage, revisions: number): string {
  const { updates, renderings } = storage;
  const renderingBytes = renderings.html + renderings.text + renderings.title;
  const total = updates.bytes + renderingBytes;
  const per = (n: number) => bytes(n / revisions);
  const disk = (table: string) => {
    const value = storage.onDisk?.get(table);
    return value === undefined ? 'n/a' : bytes(value);
  };
  const rows = [
    ['page_updates: Yjs update log, sum(length(data))', group(updates.rows), bytes(updates.bytes), per(updates.bytes), disk('page_updates')],
    ['page_revisions: renderings, html+text+title', group(renderings.rows), bytes(renderingBytes), per(renderingBytes), disk('page_revisions')],
    ['  html (deltas + deflated full copies)', '', bytes(renderings.html), per(renderings.html), ''],
    ['  text (deltas + deflated full copies)', '', bytes(renderings.text), per(renderings.text), ''],
    ['  title', '', bytes(renderings.title), per(renderings.title), ''],
    [`  of which ${group(renderings.fullCopies)} full copies (keyframes), html+text`, '', bytes(renderings.fullCopyBytes), per(renderings.fullCopyBytes), ''],
    [`  of which ${group(renderings.rows - renderings.fullCopies)} deltas, html+text`, '', bytes(renderings.html + renderings.text - renderings.fullCopyBytes), per(renderings.html + renderings.text - renderings.fullCopyBytes), ''],
    ['revision_authors', group(storage.authorRows), '', '', disk('revision_authors')],
    ['page_clients (one per Yjs client id, i.e. per editing session)', group(storage.clientRows), '', '', disk('page_clients')],
    ['total: update log + renderings', '', bytes(total), per(total), storage.onDisk ? bytes(HISTORY_TABLES.reduce((sum, t) => sum + (storage.onDisk!.get(t) ?? 0), 0)) : 'n/a'],
  ];
  return table(['stored for the history', 'rows', 'bytes', `per revision (÷${revisions})`, 'on disk (dbstat, incl. indexes)'], rows);
}

export function fullCopyReport(storage: HistoryStorage, copies: FullCopies, revisions: number): string {
  const renderingBytes = storage.renderings.html + storage.renderings.text + storage.renderings.title;
  const ensembleTotal = storage.updates.bytes + renderingBytes;
  const per = (n: number) => bytes(n / revisions);
  const rows = [
    ['a full Yjs state copy per revision', bytes(copies.yjs), per(copies.yjs), `${ratio(copies.yjs, storage.updates.bytes)} the page_updates log`],
    ['full html+text copies per revision, raw', bytes(copies.html + copies.text), per(copies.html + copies.text), `${ratio(copies.html + copies.text, renderingBytes)} the stored renderings`],
    ['  html', bytes(copies.html), per(copies.html), ''],
    ['  text', bytes(copies.text), per(copies.text), ''],
    ['full html+text copies per revision, each deflated', bytes(copies.deflated), per(copies.deflated), `${ratio(copies.deflated, renderingBytes)} the stored renderings`],
    ['Yjs + raw html+text full copies', bytes(copies.yjs + copies.html + copies.text), per(copies.yjs + copies.html + copies.text), `${ratio(copies.yjs + copies.html + copies.text, ensembleTotal)} Ensemble's total`],
    ['Yjs + deflated html+text full copies', bytes(copies.yjs + copies.deflated), per(copies.yjs + copies.deflated), `${ratio(copies.yjs + copies.deflated, ensembleTotal)} Ensemble's total`],
  ];
  return table(['the same history kept as full copies', 'bytes', 'per revision', 'full copy / Ensemble'], rows);
}

export function documentReport(doc: FinalDocument): string {
  return table(
    ['final document', 'value'],
    [
      ['text length', `${group(doc.textChars)} characters (${bytes(doc.textBytes)} UTF-8)`],
      ['rendered html', bytes(doc.htmlBytes)],
      ['Yjs state (Y.encodeStateAsUpdate)', bytes(doc.yjsBytes)],
      ['blocks', `${group(doc.blocks)} (${group(doc.headings)} headings)`],
    ],
  );
}

export type TimingRow = [label: string, timing: Timing | string];

export function timingReport(title: string, rows: TimingRow[]): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return table(
    [title, 'runs', 'median', 'p95'],
    rows.map(([label, t]) => (typeof t === 'string' ? [label, '', t, ''] : [label, group(t.samples.length), ms(t.median), ms(t.p95)])),
  );
}

export function breakdownReport(breakdown: RenderingBreakdown): string {
  const rows = [...breakdown.deltas.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([places, sizes]) => {
      const sorted = [...sizes].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
      const sum = sizes.reduce((a, b) => a + b, 0);
      return [`revisions edited in ${places}`, group(sizes.length), bytes(at(0.5)), bytes(at(0.9)), bytes(sum / sizes.length), bytes(sum)];
    });
  return [
    table(['rendering deltas (html+text, one row each)', 'deltas', 'median', 'p90', 'mean', 'total'], rows),
    `keyframes (full copies) after revision 1: ${group(breakdown.keyframesByBytes)} because the deltas since the last one ` +
      `outweighed a full copy, ${group(breakdown.keyframesByLength)} because the chain reached its maximum length.`,
  ].join('\n');
}
