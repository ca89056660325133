// Whole-wiki search benchmark (PRODUCT.md, Targets → Search): at 100,000 pages, p95 query latency under
// 20 ms, an edit searchable within 2 s, flat memory; compared with a plain lunr index of the same pages.
//
// How: for each corpus size, a generated wiki (bench/searchCorpus.ts: pages of ~300 words in English, French,
// Swedish and Dutch from a Zipf-distributed vocabulary of 17,000 word forms, in open, Protected A and
// restricted spaces) is stored in a SQLite file in a temporary directory (WAL, the server's pragmas and
// migrations, synchronous=NORMAL like the test servers), then SearchService builds the index as the server
// does on start and `npm run wiki -- reindex` does. Queries go through SearchService.search and .titles, the
// code behind GET /api/v1/search and /search/titles, with the readable spaces the permission code gives
// (snippets included); each kind runs --runs times after a warm-up, kinds interleaved. At the smallest size a
// real server then starts on the same file: the same queries over loopback HTTP, and edits typed through a
// stock y-websocket WebsocketProvider (tests/helpers/lexicalClient.ts), polled with GET /api/v1/search until
// found. The peer is lunr 2.3.9 with lunr-languages' en+fr multiLanguage pipeline over the same pages (one
// in-memory index, filters applied to its results), at the smallest size only (see the end of the output).
//
//   npm run bench:search [-- --pages 10000,100000 --runs 200 --edits 10 --seed 20261128 --peer yes]
// Exit code: 0 when every phase finished (targets are reported, not enforced), 1 otherwise, 2 for bad arguments.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import lunr from 'lunr';
import lunrMulti from 'lunr-languages/lunr.multi.js';
import { buildAccountServices } from '../server/app.js';
import { anonymous } from '../server/auth/permissions.js';
import { SearchRepo } from '../server/search/search.repo.js';
import { SearchService } from '../server/search/search.service.js';
import { termOf } from '../shared/search/analyze.js';
import { connectLexicalClient } from '../tests/helpers/lexicalClient.js';
import { startTestServer, type TestServer } from '../tests/helpers/testServer.js';
import { chooseQueries, CorpusGenerator, storeCorpus, type BenchQuery, type CorpusPage, type StoredCorpus } from './searchCorpus.js';

const WARMUP = 20;
const HTTP_RUNS = 30;
const RESULTS = 20;
const TYPING_MS = 60;
const POLL_MS = 20;
const FOUND_TIMEOUT_MS = 10_000;
const TARGET_P95_MS = 20;
const TARGET_EDIT_MS = 2000;
/** The whole run is abandoned after this, whatever it is doing. */
const HARD_LIMIT_MS = 15 * 60_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const silentLog = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silentLog } as never;
const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(n >= 10 ? 1 : 2));
const group = (n: number) => Math.round(n).toLocaleString('en-US');

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '200' },
      edits: { type: 'string', default: '10' },
      seed: { type: 'string', default: '20261128' },
      peer: { type: 'string', default: 'yes' },
    },
  });
  const pages = values.pages.split(',').map(Number);
  if (pages.length === 0 || pages.some((n) => !Number.isInteger(n) || n < 1000 || n > 200_000)) {
    throw new UsageError(`--pages takes comma-separated whole numbers from 1000 to 200000 (got "${values.pages}")`);
  }
  const int = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return n;
  };
  if (values.peer !== 'yes' && values.peer !== 'no') throw new UsageError(`--peer is yes or no (got "${values.peer}")`);
  return {
    pages: [...new Set(pages)].sort((a, b) => a - b),
    runs: int('runs', values.runs, 20, 5000),
    edits: int('edits', values.edits, 1, 50),
    seed: int('seed', values.seed, 0, 2 ** 32 - 1),
    peer: values.peer === 'yes',
  };
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] };
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Runs every kind `runs` times after a warm-up, one of each kind in turn, so noise spreads evenly. Wall time
 * is what a searcher waits; CPU time (this process, all threads) is what the query costs, whatever else the
 * machine is running.
 */
async function timeKinds(count: number, runs: number, run: (kind: number) => unknown): Promise<{ wall: number[][]; cpu: number[][] }> {
  const wall: number[][] = Array.from({ length: count }, () => []);
  const cpu: number[][] = Array.from({ length: count }, () => []);
  for (let r = -WARMUP; r < runs; r++) {
    for (let k = 0; k < count; k++) {
      const [startedCpu, started] = [cpuMs(), performance.now()];
      await run(k);
      if (r < 0) continue;
      wall[k].push(performance.now() - started);
      cpu[k].push(cpuMs() - startedCpu);
    }
  }
  return { wall, cpu };
}

function memory(): { heap: number; rss: number } {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  out(line(header));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => out(line(r)));
}

interface CorpusResult {
  pages: number;
  queries: BenchQuery[];
  latencies: Stats[];
  overall: Stats;
  overallCpu: Stats;
  buildMs: number;
  /** Heap after the queries, after GC. */
  heap: number;
}

/** Builds one corpus, times the query mix and a page's re-indexing; runs `then` on the data directory after. */
async function corpusRun(
  pages: number,
  opts: ReturnType<typeof options>,
  chosen: BenchQuery[] | null,
  then?: (dir: string, queries: BenchQuery[]) => Promise<void>,
): Promise<CorpusResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-bench-search-'));
  let stored: StoredCorpus | null = null;
  try {
    out(`\n=== ${group(pages)} pages ===`);
    const before = memory();
    const generator = new CorpusGenerator(opts.seed);
    stored = storeCorpus(dir, pages, generator, opts.seed);
    const repo = new SearchRepo(stored.db);
    const search = new SearchService({ repo, log: silentLog });
    const started = performance.now();
    await search.reindexAll();
    const buildMs = performance.now() - started;
    stored.db.pragma('wal_checkpoint(TRUNCATE)');
    const built = memory();
    const file = fs.statSync(stored.config.databaseFile).size;
    const indexBytes = (stored.db.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'page_search%'`).pluck().get() as number | null) ?? NaN;
    out(`vocabulary ${group(generator.vocabularySize)} word forms; pages stored in ${ms(stored.insertMs / 1000)} s (not part of the index build)`);
    out(`index build (SearchService.reindexAll, as on start and \`wiki reindex\`): ${ms(buildMs / 1000)} s, ${group((pages * 1000) / buildMs)} pages/s`);
    out(`database ${MiB(file)}, of which the search index ${MiB(indexBytes)} (the rest is mostly the pages' HTML and text)`);

    const { spaces } = buildAccountServices(stored.db, stored.config);
    const every = spaces.list().map((s) => s.id);
    const anonymousIds = [...spaces.readableIds(anonymous)];
    const pagesWith = (word: string, lang: 'en' | 'fr' | 'sv' | 'nl') => {
      const term = termOf(word, lang);
      return term ? repo.count({ match: `"${term}"`, spaceIds: every }, Number.MAX_SAFE_INTEGER) : 0;
    };
    const run = (query: BenchQuery) => {
      const spaceIds = query.space ? [spaces.find(query.space)!.id] : query.who === 'anonymous' ? anonymousIds : every;
      if (query.titles) return { total: search.titles(query.q, spaceIds, 10).length, totalExact: true };
      return search.search(query.q, { spaceIds, lang: query.lang, limit: RESULTS, offset: 0 });
    };
    const queries = chosen ?? chooseQueries(generator, pages, pagesWith, (q) => search.search(q, { spaceIds: every, limit: 1, offset: 0 }).total);
    const totals = queries.map(run);
    const samples = await timeKinds(queries.length, opts.runs, (k) => run(queries[k]));
    const latencies = samples.wall.map(stats);
    const cpu = samples.cpu.map(stats);
    const overall = stats(samples.wall.flat());
    const overallCpu = stats(samples.cpu.flat());
    out(`\nqueries (in process: SearchService, snippets included; ${opts.runs} runs each after ${WARMUP} warm-up; ms)`);
    out('member: reads every space; anonymous: cannot read the Protected A and restricted spaces (25% of pages)');
    table(
      ['kind', 'query', 'matches', 'p50', 'p95', 'p99', 'max', 'cpu p50', 'cpu p95'],
      [
        ...queries.map((query, i) => [
          query.kind,
          `${query.titles ? 'titles ' : ''}"${query.q}"${query.space ? ` space=${query.space}` : ''}${query.lang ? ` lang=${query.lang}` : ''}`,
          `${group(totals[i].total)}${totals[i].totalExact ? '' : '+'}`,
          ...[latencies[i].p50, latencies[i].p95, latencies[i].p99, latencies[i].max, cpu[i].p50, cpu[i].p95].map(ms),
        ]),
        ['all kinds', '', '', ...[overall.p50, overall.p95, overall.p99, overall.max, overallCpu.p50, overallCpu.p95].map(ms)],
      ],
    );

    // What an edit costs the index: a page analyzed again and its rows replaced, in a transaction, as when a
    // rendering is stored.
    const ids = Array.from({ length: 200 }, (_, i) => repo.pagesAfter(Math.floor((i * pages) / 200), 1)[0].id);
    const updates = stats(ids.map((id) => {
      const t = performance.now();
      repo.transaction(() => search.indexPage(id));
      return performance.now() - t;
    }));
    out(`re-indexing one page (as after an edit): p50 ${ms(updates.p50)} ms, p95 ${ms(updates.p95)} ms`);
    const after = memory();
    const queried = `after ${group(opts.runs * queries.length)} queries`;
    out(`memory of this process (after GC): heap ${MiB(before.heap)} before the corpus, ${MiB(built.heap)} after the build, ${MiB(after.heap)} ${queried};`);
    out(`  RSS ${MiB(before.rss)} → ${MiB(built.rss)} → ${MiB(after.rss)}`);
    stored.db.close();
    if (then) await then(dir, queries);
    return { pages, queries, latencies, overall, overallCpu, buildMs, heap: after.heap };
  } finally {
    if (stored?.db.open) stored.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The real server on the corpus: the query mix over HTTP, then edits typed live until search finds them. */
async function serverRun(dir: string, queries: BenchQuery[], opts: ReturnType<typeof options>): Promise<Stats[]> {
  let server: TestServer | null = null;
  const clients: { destroy(): void }[] = [];
  try {
    server = await startTestServer({}, dir);
    const s = server;
    await s.app.services.search.indexMissing();
    const get = async (url: string, auth: boolean) => {
      const response = await fetch(`${s.url}/api/v1${url}`, { headers: auth ? { authorization: s.accounts.admin.bearer } : {} });
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      return response.json() as Promise<{ results: { id: string }[] }>;
    };
    const urlOf = (query: BenchQuery) => {
      if (query.titles) return `/search/titles?q=${encodeURIComponent(query.q)}`;
      return `/search?q=${encodeURIComponent(query.q)}${query.space ? `&space=${query.space}` : ''}${query.lang ? `&lang=${query.lang}` : ''}`;
    };
    const { wall } = await timeKinds(queries.length, HTTP_RUNS, (k) => get(urlOf(queries[k]), queries[k].who === 'member'));
    out(`\nthe same queries through GET /api/v1/search over loopback HTTP (real server on this file, client in the same process; ${HTTP_RUNS} runs each; ms)`);
    table(['kind', '', 'p50', 'p95', 'max'], queries.map((q, i) => [q.kind, '', ...[stats(wall[i]).p50, stats(wall[i]).p95, stats(wall[i]).max].map(ms)]));

    const { editor } = s.accounts;
    const typed = async (i: number, keepTyping: boolean): Promise<number> => {
      const page = await s.app.services.pages.create(
        { title: `Probe ${i}`, blocks: [{ kind: 'paragraph', text: 'Probe page.' }] },
        { spaceId: 'main', userId: editor.id },
      );
      const client = connectLexicalClient(s.collabUrl, page.id, { bearer: editor.bearer, displayName: editor.displayName });
      clients.push(client);
      await client.synced;
      for (let waited = 0; !client.text().includes('Probe page.'); waited += 5) {
        if (waited > FOUND_TIMEOUT_MS) throw new Error('the probe page did not load in the editing client');
        await sleep(5);
      }
      const word = `zq${(opts.seed + i * 7919).toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)])}x`;
      client.typeAtEnd(' ');
      let typedAt = 0;
      for (const ch of word) {
        await sleep(TYPING_MS);
        client.typeAtEnd(ch);
        typedAt = performance.now();
      }
      // Someone who goes on typing: the render waits for a pause, but never more than its maximum wait.
      const typing = keepTyping ? setInterval(() => client.typeAtEnd(' la'), 150) : null;
      try {
        for (;;) {
          const found = await get(`/search?q=${word}%20`, true);
          if (found.results.some((r) => r.id === page.id)) return performance.now() - typedAt;
          if (client.closeCodes.length > 0) throw new Error(`the server closed the editing socket (${client.closeCodes.join(', ')})`);
          if (performance.now() - typedAt > FOUND_TIMEOUT_MS) throw new Error(`"${word}" was not searchable ${FOUND_TIMEOUT_MS} ms after it was typed`);
          await sleep(POLL_MS);
        }
      } finally {
        if (typing) clearInterval(typing);
        client.destroy();
      }
    };
    const stopped: number[] = [];
    const continued: number[] = [];
    for (let i = 0; i < opts.edits; i++) stopped.push(await typed(i, false));
    for (let i = 0; i < Math.ceil(opts.edits / 2); i++) continued.push(await typed(opts.edits + i, true));
    const results = [stats(stopped), stats(continued)];
    out('\nedit → searchable: a word typed into a page through a stock WebsocketProvider, found by GET /api/v1/search');
    out(`(polled every ${POLL_MS} ms; the render waits ${s.config.render.debounceMs} ms after the last edit, ${s.config.render.maxWaitMs} ms at most)`);
    out(`  typing stops after the word: p50 ${group(results[0].p50)} ms, max ${group(results[0].max)} ms (${stopped.length} edits)`);
    out(`  typing goes on after it:     p50 ${group(results[1].p50)} ms, max ${group(results[1].max)} ms (${continued.length} edits)`);
    return results;
  } finally {
    for (const client of clients) client.destroy();
    // startTestServer's close removes the directory; corpusRun removes it again, harmlessly.
    await server?.close();
  }
}

let multiRegistered = false;

/** lunr over the same pages, as a typical wiki would use it; the same query kinds, filters applied to its results. */
async function lunrRun(pages: number, opts: ReturnType<typeof options>, queries: BenchQuery[]) {
  const generator = new CorpusGenerator(opts.seed);
  const docs: CorpusPage[] = Array.from({ length: pages }, () => generator.page());
  const L = lunr as unknown as Record<string, (...langs: string[]) => lunr.Builder.Plugin>;
  if (!multiRegistered) lunrMulti(L);
  multiRegistered = true;
  const before = memory();
  const started = performance.now();
  const index = lunr(function () {
    this.use(L.multiLanguage('en', 'fr'));
    this.ref('id');
    this.field('title', { boost: 10 });
    this.field('headings', { boost: 4 });
    this.field('body');
    docs.forEach((d, i) => this.add({ id: String(i), title: d.title, headings: d.headings.join('\n'), body: d.text }));
  });
  const buildMs = performance.now() - started;
  const built = memory();
  const anonymousSpaces = new Set(['main', 'policy', 'programs']);
  const run = (query: BenchQuery) => {
    const words = query.q.split(' ');
    const text = query.titles ? `title:${query.q}*` : query.typing ? `${query.q}*` : words.length > 1 ? words.map((w) => `+${w}`).join(' ') : query.q;
    const hits = index.search(text).filter((hit) => {
      const d = docs[Number(hit.ref)];
      return (!query.space || d.spaceId === query.space) && (!query.lang || d.lang === query.lang) && (query.who !== 'anonymous' || anonymousSpaces.has(d.spaceId));
    });
    return hits.slice(0, query.titles ? 10 : RESULTS);
  };
  const { wall } = await timeKinds(queries.length, opts.runs, (k) => run(queries[k]));
  return { buildMs, heap: built.heap - before.heap, latencies: wall.map(stats), overall: stats(wall.flat()) };
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
    process.stderr.write(`bench:search gave up after ${HARD_LIMIT_MS / 60_000} minutes\n`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardLimit.unref();
  try {
    out(`bench:search: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
    const results: CorpusResult[] = [];
    let edits: Stats[] = [];
    for (const pages of opts.pages) {
      // The queries are picked on the smallest corpus and kept for the others, so every size answers the same.
      const first = results[0];
      results.push(await corpusRun(pages, opts, first?.queries ?? null, first ? undefined : async (dir, queries) => void (edits = await serverRun(dir, queries, opts))));
    }
    const smallest = results[0];
    if (opts.peer) {
      const peer = await lunrRun(smallest.pages, opts, smallest.queries);
      out(`\n=== peer: lunr ${lunr.version} + lunr-languages multiLanguage('en', 'fr'), the same ${group(smallest.pages)} pages ===`);
      out(`build ${ms(peer.buildMs / 1000)} s (FTS5: ${ms(smallest.buildMs / 1000)} s; lunr/FTS5 ${(peer.buildMs / smallest.buildMs).toFixed(1)}×); index heap ${MiB(peer.heap)} (FTS5: on disk)`);
      out('queries: lunr runs each as a wiki would (exact terms, "+a +b" for two words, a trailing * while typing), filters applied to its results; no snippets (Ensemble\'s times include them); ms');
      table(
        ['kind', '', 'lunr p50', 'lunr p95', 'ours p50', 'ours p95', 'p95 ratio'],
        [...smallest.queries.map((q, i) => [q.kind, peer.latencies[i], smallest.latencies[i]] as const), ['all kinds', peer.overall, smallest.overall] as const].map(([kind, theirs, ours]) => [
          kind, '', ms(theirs.p50), ms(theirs.p95), ms(ours.p50), ms(ours.p95), `${(theirs.p95 / ours.p95).toFixed(1)}×`,
        ]),
      );
      const scale = (results[results.length - 1]?.pages ?? smallest.pages) / smallest.pages;
      if (scale > 1) {
        out(`lunr is not run at ${group(smallest.pages * scale)} pages: its build time and heap grow with the corpus (about ${ms((peer.buildMs * scale) / 1000)} s and ${MiB(peer.heap * scale)} here,`);
        out(`against a V8 heap limit of ${MiB(v8.getHeapStatistics().heap_size_limit)} in this process), and every server process would hold that index in memory and rebuild it on start.`);
      }
    }
    const largest = results[results.length - 1];
    out('\n=== targets ===');
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    const worst = Math.max(...largest.latencies.map((l) => l.p95));
    out(`p95 query latency at ${group(largest.pages)} pages, all kinds: ${ms(largest.overall.p95)} ms (target < ${TARGET_P95_MS} ms): ${met(largest.overall.p95 < TARGET_P95_MS)}`);
    out(`  worst kind ${ms(worst)} ms; CPU time p95 ${ms(largest.overallCpu.p95)} ms`);
    const slowestEdit = Math.max(...edits.map((e) => e.max));
    out(`edit searchable: slowest ${group(slowestEdit)} ms (target < ${TARGET_EDIT_MS} ms): ${met(slowestEdit < TARGET_EDIT_MS)}`);
    out(`memory: heap after the queries ${results.map((r) => `${MiB(r.heap)} at ${group(r.pages)} pages`).join(', ')} (the index is on disk; see RSS above)`);
    out(`load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (wall times include waiting for the CPU when other work runs)`);
    return 0;
  } catch (error) {
    process.stderr.write(`\nFAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(hardLimit);
  }
}

process.exitCode = await main();
