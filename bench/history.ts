// Revision history benchmark (PRODUCT.md C3): what 1,000 revisions of one page cost to store, compared with
// keeping a full copy per revision, and how long the history list, an old revision and a diff take.
//
// How: an Ensemble server runs in this process on 127.0.0.1 with a temporary data directory (SQLite
// synchronous=NORMAL, like the test servers; the per-socket message budget is raised because the bench types
// far faster than a person). The bench account (bench/lib/benchAccount.ts) creates a page through the API,
// then edits it with a stock y-websocket WebsocketProvider and a headless Lexical editor
// (tests/helpers/lexicalClient.ts), in editing sessions of 1 to 12 revisions, each session a new client (a
// new Yjs client id, like a new browser tab). Each revision types one or two sentences word by word, and
// sometimes fixes a word in an earlier paragraph, deletes a sentence or adds a heading (bench/history/editing.ts,
// a fixed-seed PRNG, so runs are comparable). The bench then waits until the server has committed exactly
// the client's state, cuts the revision itself with recorder.cut(pageId, 'quiet') (the automatic cut rules
// have their own tests) and waits for its rendering to be stored.
//
//   npm run bench:history [-- --revisions 1000 --seed 20261126]   (revision 990 is read; fewer revisions read the last)
// Exit code: 0 when the run finished and every sampled revision is exact, 1 otherwise, 2 for bad arguments.
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import { connectLexicalClient, type LexicalClient } from '../tests/helpers/lexicalClient.js';
import { renderPageState } from '../server/render/pageRenderer.js';
import { Typist } from './history/editing.js';
import { getter, measureStorage, NotAvailable, RenderingBreakdown, time, type Timing } from './history/measure.js';
import { MAX_CHAIN_LENGTH } from '../server/history/textDelta.js';
import { Prng } from './history/prose.js';
import { breakdownReport, documentReport, fullCopyReport, storageReport, timingReport, type FullCopies, type TimingRow } from './history/report.js';
import { BENCH_MESSAGES_PER_SECOND, startInProcess, type InProcessServer } from './history/server.js';

const HTTP_RUNS = 50;
const HTTP_WARMUP = 5;
const RENDER_RUNS = 20;
const RENDER_WARMUP = 2;
const COMMIT_TIMEOUT_MS = 10_000;
/** The whole run is abandoned after this, whatever it is doing. */
const HARD_LIMIT_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

function options() {
  const { values } = parseArgs({
    options: { revisions: { type: 'string', default: '1000' }, seed: { type: 'string', default: '20261126' } },
  });
  const revisions = Number(values.revisions);
  const seed = Number(values.seed);
  if (!Number.isInteger(revisions) || revisions < 20 || revisions > 5000) {
    throw new UsageError(`--revisions must be a whole number from 20 to 5000 (got "${values.revisions}")`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) throw new UsageError(`--seed must be a 32-bit unsigned integer (got "${values.seed}")`);
  return { revisions, seed };
}

class UsageError extends Error {}
class CheckFailed extends Error {}

/** Waits until the server's committed state is exactly the client's: same state vector, same deletions. */
async function committed(server: InProcessServer, pageId: string, client: LexicalClient): Promise<void> {
  const want = Y.snapshot(client.doc);
  const deadline = performance.now() + COMMIT_TIMEOUT_MS;
  for (;;) {
    const state = server.app.services.hub.committedState(pageId);
    if (state) {
      const have = Y.createSnapshot(Y.decodeUpdate(state).ds, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state)));
      if (Y.equalSnapshots(have, want)) return;
    }
    if (client.closeCodes.length > 0) throw new Error(`the server closed the editing socket (codes ${client.closeCodes.join(', ')})`);
    if (performance.now() > deadline) throw new Error(`the server did not commit the client's edits within ${COMMIT_TIMEOUT_MS} ms`);
    await sleep(1);
  }
}

async function openSession(server: InProcessServer, pageId: string, expectedText: string): Promise<LexicalClient> {
  const client = connectLexicalClient(server.collabUrl, pageId, {
    bearer: server.credentials.authorization,
    displayName: server.credentials.displayName,
  });
  const deadline = performance.now() + COMMIT_TIMEOUT_MS;
  const synced = await Promise.race([client.synced.then(() => true), sleep(COMMIT_TIMEOUT_MS).then(() => false)]);
  // The Yjs sync arrives first; the editor catches up with it in its own update.
  while (!synced || client.text() !== expectedText) {
    if (!synced || performance.now() > deadline) {
      client.destroy();
      throw new Error(`a new editing session did not load the page (text ${client.text().length} characters, expected ${expectedText.length})`);
    }
    await sleep(2);
  }
  return client;
}

interface Sample {
  number: number;
  boundary: number;
  /** What the client had when the revision was cut. */
  clientState: Uint8Array;
}

async function run(server: InProcessServer, opts: { revisions: number; seed: number }): Promise<number> {
  const { app } = server;
  const { history, db } = app.services;
  const out = (line = '') => process.stdout.write(`${line}\n`);

  const created = await fetch(`${server.url}/api/v1/pages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: server.credentials.authorization },
    body: JSON.stringify({ title: 'Service transition plan' }),
  });
  if (created.status !== 201) throw new Error(`creating the page answered ${created.status}: ${await created.text()}`);
  const page = (await created.json()) as { id: string; slug: string };
  await history.renderings.idle();

  const random = new Prng(opts.seed);
  const typist = new Typist(random);
  const copies: FullCopies = { yjs: 0, html: 0, text: 0, deflated: 0 };
  const addCopies = async (number: number, state: Uint8Array) => {
    const rendering = await history.get(page.id, number);
    if (!rendering) throw new Error(`revision ${number} has no rendering`);
    copies.yjs += state.length;
    copies.html += utf8Length(rendering.html);
    copies.text += utf8Length(rendering.text);
    copies.deflated += deflateRawSync(Buffer.from(rendering.html, 'utf8')).length + deflateRawSync(Buffer.from(rendering.text, 'utf8')).length;
  };
  const boundaryOf = (n: number) => db.prepare('SELECT boundary FROM page_revisions WHERE page_id = ? AND number = ?').pluck().get(page.id, n) as number;
  await addCopies(1, history.renderings.stateAt(page.id, boundaryOf(1)));

  const sampled = new Set([2, 10, 11, 64, 65, 66, 500, 989, 990, opts.revisions + 1].filter((n) => n <= opts.revisions + 1));
  for (let n = 100; n <= opts.revisions; n += 100) sampled.add(n + 1);
  const samples: Sample[] = [];
  const breakdown = new RenderingBreakdown(db, page.id, MAX_CHAIN_LENGTH);
  const work = { updates: 0, inserted: 0, deleted: 0, sessions: 0 };
  const started = performance.now();
  let expectedText = renderPageState(history.renderings.stateAt(page.id, boundaryOf(1))).text;
  let done = 0;
  out(`Editing page ${page.slug} through ${opts.revisions.toLocaleString('en-US')} revisions (seed ${opts.seed})…`);
  while (done < opts.revisions) {
    const client = await openSession(server, page.id, expectedText);
    work.sessions++;
    try {
      const length = Math.min(random.int(1, 12), opts.revisions - done);
      for (let i = 0; i < length; i++) {
        const did = typist.revision(client.editor);
        work.updates += did.updates;
        work.inserted += did.inserted;
        work.deleted += did.deleted;
        await committed(server, page.id, client);
        const revision = history.recorder.cut(page.id, 'quiet');
        if (!revision) throw new Error(`revision ${done + 2} was not cut: the server saw no change`);
        await history.renderings.idle();
        const state = Y.encodeStateAsUpdate(client.doc);
        await addCopies(revision.number, state);
        breakdown.add(revision.number, did.places);
        if (sampled.has(revision.number)) samples.push({ number: revision.number, boundary: revision.boundary, clientState: state });
        done++;
        if (done % 100 === 0) {
          const log = measureStorage(db, page.id);
          out(
            `  ${String(done).padStart(5)} revisions  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ` +
              `text ${(client.text().length / 1024).toFixed(1)} KiB  Yjs state ${(state.length / 1024).toFixed(1)} KiB  ` +
              `update log ${(log.updates.bytes / 1024).toFixed(1)} KiB in ${log.updates.rows} rows`,
          );
        }
      }
      expectedText = client.text();
    } finally {
      client.destroy();
    }
  }
  const editSeconds = (performance.now() - started) / 1000;
  const revisions = opts.revisions + 1;
  /** The "late" revision read and diffed: 990 in a full run. */
  const late = Math.min(990, revisions);

  // --- storage ---
  const storage = measureStorage(db, page.id);
  const finalState = history.renderings.stateAt(page.id, boundaryOf(revisions));
  const finalRendering = renderPageState(finalState);
  const counts = countBlocks(finalRendering.html);
  out();
  out(
    `Edited in ${editSeconds.toFixed(1)} s: ${revisions.toLocaleString('en-US')} revisions (1 at creation + ${opts.revisions.toLocaleString('en-US')} cut ` +
      `by the bench with recorder.cut(pageId, 'quiet'); the automatic rules are tested in server/history/recording.test.ts), ` +
      `${work.sessions} editing sessions (= Yjs client ids), ${work.updates.toLocaleString('en-US')} Lexical updates sent, ` +
      `${work.inserted.toLocaleString('en-US')} characters typed, ${work.deleted.toLocaleString('en-US')} deleted.`,
  );
  out(`Server: in process, loopback, SQLite synchronous=NORMAL, socket message budget raised to ${BENCH_MESSAGES_PER_SECOND.toLocaleString('en-US')}/s.`);
  out();
  out(storageReport(storage, revisions));
  out();
  out(breakdownReport(breakdown));
  out();
  out('"Full copy": what a history keeping each revision as a complete snapshot stores, i.e. for every revision the');
  out('whole Yjs state at its boundary (Y.encodeStateAsUpdate) and/or the whole rendered html and text.');
  out(fullCopyReport(storage, copies, revisions));
  out();
  out(
    documentReport({
      textChars: finalRendering.text.length,
      textBytes: utf8Length(finalRendering.text),
      htmlBytes: utf8Length(finalRendering.html),
      yjsBytes: finalState.length,
      ...counts,
    }),
  );

  // --- timings ---
  const api = { authorization: server.credentials.authorization };
  const web = { cookie: server.cookie };
  const optional = async (label: string, runs: number, warmup: number, fn: () => Promise<unknown>): Promise<TimingRow> => {
    try {
      return [label, await time(runs, warmup, fn)];
    } catch (error) {
      if (error instanceof NotAvailable) return [label, 'not available (404: web route not registered)'];
      throw error;
    }
  };
  const apiBase = `${server.url}/api/v1/pages/${page.id}/revisions`;
  out();
  out(
    timingReport('open the history list (HTTP, loopback)', [
      await optional(`GET /wiki/${page.slug}/history (first page of 50)`, HTTP_RUNS, HTTP_WARMUP, getter(`${server.url}/wiki/${page.slug}/history`, web, true)),
      [`GET /api/v1/pages/:id/revisions?limit=50`, await time(HTTP_RUNS, HTTP_WARMUP, getter(`${apiBase}?limit=50`, api))],
    ]),
  );
  const rebuild = (n: number) => {
    const boundary = boundaryOf(n);
    const parts = { state: [] as number[], render: [] as number[] };
    return {
      parts,
      fn: () => {
        const t0 = performance.now();
        const state = history.renderings.stateAt(page.id, boundary);
        const t1 = performance.now();
        renderPageState(state);
        parts.state.push(t1 - t0);
        parts.render.push(performance.now() - t1);
      },
    };
  };
  const old10 = rebuild(10);
  const oldLate = rebuild(late);
  const rebuilt10 = await time(RENDER_RUNS, RENDER_WARMUP, old10.fn);
  const rebuiltLate = await time(RENDER_RUNS, RENDER_WARMUP, oldLate.fn);
  const split = (label: string, values: number[]): TimingRow => [label, summarise(values.slice(RENDER_WARMUP))];
  out();
  out(
    timingReport('render an old revision', [
      ['GET /api/v1/pages/:id/revisions/10 (stored rendering, delta chain)', await time(HTTP_RUNS, HTTP_WARMUP, getter(`${apiBase}/10`, api))],
      [`GET /api/v1/pages/:id/revisions/${late} (stored rendering, delta chain)`, await time(HTTP_RUNS, HTTP_WARMUP, getter(`${apiBase}/${late}`, api))],
      ['rev 10: stateAt(boundary) + renderPageState, in process', rebuilt10],
      split('  of which stateAt (replay the log up to the boundary)', old10.parts.state),
      split('  of which renderPageState (headless Lexical)', old10.parts.render),
      [`rev ${late}: stateAt(boundary) + renderPageState, in process`, rebuiltLate],
      split('  of which stateAt (replay the log up to the boundary)', oldLate.parts.state),
      split('  of which renderPageState (headless Lexical)', oldLate.parts.render),
    ]),
  );
  out();
  out(
    timingReport('diff two revisions (HTTP, loopback)', [
      [`GET /api/v1/pages/:id/revisions/diff?from=10&to=${late}`, await time(HTTP_RUNS, HTTP_WARMUP, getter(`${apiBase}/diff?from=10&to=${late}`, api))],
      [`GET /api/v1/pages/:id/revisions/diff?from=${late - 1}&to=${late}`, await time(HTTP_RUNS, HTTP_WARMUP, getter(`${apiBase}/diff?from=${late - 1}&to=${late}`, api))],
      await optional(`GET /wiki/${page.slug}/diff?from=10&to=${late}`, HTTP_RUNS, HTTP_WARMUP, getter(`${server.url}/wiki/${page.slug}/diff?from=10&to=${late}`, web, true)),
    ]),
  );

  // --- exactness ---
  const problems: string[] = [];
  for (const sample of samples) {
    const stored = await history.get(page.id, sample.number);
    const fromLog = renderPageState(history.renderings.stateAt(page.id, sample.boundary));
    const fromClient = renderPageState(sample.clientState);
    if (!stored) problems.push(`revision ${sample.number}: no stored rendering`);
    else {
      if (stored.text !== fromLog.text) problems.push(`revision ${sample.number}: stored text differs from rendering stateAt(boundary)`);
      if (stored.html !== fromLog.html) problems.push(`revision ${sample.number}: stored html differs from rendering stateAt(boundary)`);
      if (stored.title !== fromLog.title) problems.push(`revision ${sample.number}: stored title differs from rendering stateAt(boundary)`);
    }
    if (fromLog.text !== fromClient.text || fromLog.html !== fromClient.html) {
      problems.push(`revision ${sample.number}: stateAt(boundary) is not what the client had when the revision was cut`);
    }
  }
  let decoded = 0;
  for (let n = 1; n <= revisions; n++) {
    try {
      if (await history.get(page.id, n)) decoded++;
      else problems.push(`revision ${n}: missing`);
    } catch (error) {
      problems.push(`revision ${n}: its stored rendering does not decode (${(error as Error).message})`);
    }
  }
  out();
  out(
    `Exactness: ${samples.length} sampled revisions (${samples.map((s) => s.number).join(', ')}): stored text, html and title === ` +
      `renderPageState(stateAt(boundary)), and stateAt(boundary) renders as the client's state at the cut; ` +
      `${decoded}/${revisions} stored renderings decode (delta chains, CRC-checked).`,
  );
  if (problems.length > 0) throw new CheckFailed(problems.slice(0, 20).join('\n'));
  out('All checks passed.');
  return 0;
}

function summarise(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { samples: values, median: at(0.5), p95: at(0.95) };
}

/** Paragraphs and headings, counted from the rendered html (the bench writes no other blocks). */
function countBlocks(html: string): { blocks: number; headings: number } {
  const tags = [...html.matchAll(/<(p|h[1-6])\b/g)].map((m) => m[1]);
  return { blocks: tags.length, headings: tags.filter((t) => t !== 'p').length };
}

async function main(): Promise<number> {
  let opts;
  try {
    opts = options();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const hardLimit = setTimeout(() => {
    process.stderr.write(`bench:history gave up after ${HARD_LIMIT_MS / 60_000} minutes\n`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardLimit.unref();
  let server: InProcessServer | null = null;
  try {
    server = await startInProcess();
    return await run(server, opts);
  } catch (error) {
    if (error instanceof CheckFailed) process.stderr.write(`\nFAILED: revisions are not exact:\n${error.message}\n`);
    else process.stderr.write(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(hardLimit);
    await server?.close();
  }
}

process.exitCode = await main();
