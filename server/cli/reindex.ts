// `reindex`: rebuilds the whole search index from what is stored for each page (title, language, text, and
// headings read back from the stored HTML), through SearchService, in short transactions that the running
// server's own writes take turns with. Progress goes to standard error: a bar at a terminal, plain lines
// otherwise (CI logs); the summary goes to standard output.
import cliProgress from 'cli-progress';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../plugins/db.js';
import { SearchRepo } from '../search/search.repo.js';
import { SearchService } from '../search/search.service.js';
import { CommandFailed, Interrupted, PROGRAM, standaloneCommand } from './command.js';

/** Plain progress lines this far apart: often enough to show life in a CI log, rarely enough to read. */
const PLAIN_EVERY_MS = 5000;
/** Failures listed one by one before the rest are only counted. */
const FAILURES_LISTED = 20;

/**
 * Each batch reads its pages and writes their rows in one transaction. The server's connection may commit
 * between that read and the first write, and a deferred transaction then fails at once with
 * SQLITE_BUSY_SNAPSHOT (the busy timeout does not apply). Taking the write lock at BEGIN makes this process
 * wait its turn instead, and read each page under the lock, so no row is built from an outdated rendering.
 */
class ImmediateSearchRepo extends SearchRepo {
  constructor(private readonly conn: Db) {
    super(conn);
  }

  override transaction<T>(work: () => T): T {
    return this.conn.transaction(work).immediate();
  }
}

interface CliOutput extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export const pages = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`;

/** "12 s", "3 min 05 s", "2 h 07 min": ETAs for people. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const rate = (done: number, elapsedMs: number) => (elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0);

/** The bar a person at a terminal watches, redrawn in place (cli-progress computes the ETA). */
export function barProgress(stream: NodeJS.WritableStream, total: number, clock: () => number = Date.now): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'Reindexing {bar} {percentage}% | {value}/{total} pages | {rate} pages/s | ETA {eta_formatted}',
      barsize: 30,
      hideCursor: true,
      linewrap: false,
      etaBuffer: 20,
      // The command's own signal handling stops the bar, which gives the cursor back.
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = clock();
  bar.start(total, 0, { rate: 0 });
  return {
    update(done, newTotal) {
      if (newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(done, { rate: rate(done, clock() - started) });
    },
    stop: () => bar.stop(),
  };
}

/** One line now and then, for logs: a redrawn bar would fill them with control characters. */
export class PlainProgress implements Progress {
  private readonly started: number;
  private last: number;

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly everyMs = PLAIN_EVERY_MS,
  ) {
    this.started = clock();
    this.last = this.started;
  }

  update(done: number, total: number): void {
    const now = this.clock();
    // The last batch is left to the summary.
    if (now - this.last < this.everyMs || done >= total) return;
    this.last = now;
    const perSecond = rate(done, now - this.started);
    const percent = Math.floor((done * 100) / total);
    const eta = perSecond > 0 ? `, about ${formatDuration((total - done) / perSecond)} left` : '';
    this.write(`Reindexing: ${done}/${total} pages (${percent}%), ${perSecond} pages/s${eta}`);
  }

  stop(): void {}
}

/**
 * SearchService reports a page it could not index through its logger and goes on with the next one: this
 * logger collects those pages, to be listed once the bar is gone. Nothing else it logs matters here.
 */
function failureCollector(failures: { pageId: string; reason: string }[]): FastifyBaseLogger {
  const ignore = () => {};
  const collect = (details: unknown, message?: string) => {
    const { pageId, err } = (details ?? {}) as { pageId?: string; err?: unknown };
    const reason = err instanceof Error ? err.message : (message ?? String(details));
    failures.push({ pageId: pageId ?? '?', reason });
  };
  const log: FastifyBaseLogger = {
    level: 'error',
    info: ignore,
    debug: ignore,
    trace: ignore,
    warn: ignore,
    silent: ignore,
    error: collect,
    fatal: collect,
    child: () => log,
  };
  return log;
}

const isBusy = (error: unknown) => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

export const reindexCommand = standaloneCommand({
  name: 'reindex',
  summary: 'Rebuild the whole search index',
  usage: '',
  help: [
    'Rebuilds every page\'s search index rows from what is stored for it: title, headings, text and',
    'language, as the server indexes them. Use it after restoring a backup, changing the search analysis,',
    'or when search results look wrong. Pages are read as last rendered; nothing is re-rendered.',
    '',
    'Progress is shown on standard error: a bar (pages done, rate, time left) in a terminal, a line every',
    `${PLAIN_EVERY_MS / 1000} seconds otherwise. The last line, on standard output, says how many pages were reindexed.`,
    '',
    'It takes no options. Exit codes: 0 done, 1 some pages could not be indexed (they are listed),',
    '2 bad command line, 130 interrupted.',
    '',
    'Safe while the server runs: pages are rebuilt in small transactions between which the server keeps',
    'saving edits, and search keeps answering (each page has its old row until its new one replaces it).',
    'Ctrl+C stops after the current batch; the index stays usable, and running the command again finishes it.',
  ].join('\n'),
  async run(_args, ctx) {
    const { db } = await ctx.open();
    const failures: { pageId: string; reason: string }[] = [];
    const repo = new ImmediateSearchRepo(db);
    const search = new SearchService({ repo, log: failureCollector(failures) });
    let total = repo.pageCount();
    ctx.note(`Reindexing ${pages(total)}…`);

    const stderr = ctx.io.stderr as CliOutput;
    const progress: Progress | null = total === 0 ? null : stderr.isTTY ? barProgress(stderr, total) : new PlainProgress((line) => ctx.note(line));
    let interrupted = false;
    // A first Ctrl+C lets the batch under way commit; a second one (the listener is gone) ends the process.
    const interrupt = () => {
      interrupted = true;
      search.stop();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const started = performance.now();
    let done = 0;
    try {
      done = await search.reindexAll((pagesDone, pagesTotal) => {
        done = pagesDone;
        total = pagesTotal;
        progress?.update(pagesDone, pagesTotal);
      });
    } catch (error) {
      if (!isBusy(error)) throw error;
      throw new CommandFailed(
        `The database stayed locked by another writer for too long, after ${done} of ${pages(total)}. ` +
          `The index stays usable; run "${PROGRAM} reindex" again.`,
      );
    } finally {
      progress?.stop();
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);

    for (const failure of failures.slice(0, FAILURES_LISTED)) ctx.note(`Could not index page ${failure.pageId}: ${failure.reason}`);
    if (failures.length > FAILURES_LISTED) ctx.note(`…and ${failures.length - FAILURES_LISTED} more.`);
    if (interrupted) {
      throw new Interrupted(
        `Interrupted after ${done} of ${pages(total)}. The index stays usable: the pages not reached keep their ` +
          `previous rows. Run "${PROGRAM} reindex" again to rebuild them all.`,
      );
    }
    ctx.print(`Reindexed ${pages(done - failures.length)} in ${seconds} s.`);
    if (failures.length > 0) {
      throw new CommandFailed(
        `${pages(failures.length)} could not be indexed and stay out of search results until edited or until the server next starts.`,
      );
    }
  },
});
