// Keeps each page's stored html/text/title in step with its content: after edits settle (debounce), and
// at least every maxWait while they keep coming. On boot it re-renders pages the last process left stale.
// One render per page runs at a time; a change that lands during a render schedules another.
import type { FastifyBaseLogger } from 'fastify';
import type { RenderedPage } from './pageRenderer.js';

export interface RenderSchedulerDeps {
  /** The page's committed state and the version it corresponds to; null if the page is gone. */
  loadState(pageId: string): { state: Uint8Array; version: number } | null;
  render(state: Uint8Array): Promise<RenderedPage> | RenderedPage;
  store(pageId: string, rendered: RenderedPage, version: number): void;
  stalePageIds(): string[];
  debounceMs: number;
  maxWaitMs: number;
  log: FastifyBaseLogger;
}

interface Pending {
  timer: NodeJS.Timeout;
  firstTouchedAt: number;
}

export class RenderScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<boolean>>();
  private readonly listeners = new Set<(pageId: string) => void>();
  private stopped = false;

  constructor(private readonly deps: RenderSchedulerDeps) {}

  /** Notes that a page changed; it will be rendered once edits settle. */
  touch(pageId: string): void {
    if (this.stopped) return;
    const now = Date.now();
    const existing = this.pending.get(pageId);
    const firstTouchedAt = existing ? existing.firstTouchedAt : now;
    if (existing) clearTimeout(existing.timer);
    const due = Math.min(now + this.deps.debounceMs, firstTouchedAt + this.deps.maxWaitMs);
    const timer = setTimeout(() => void this.renderNow(pageId), Math.max(0, due - now));
    this.pending.set(pageId, { timer, firstTouchedAt });
  }

  /** Renders a page now, cancelling any pending render. Resolves false if the page is gone or failed. */
  renderNow(pageId: string): Promise<boolean> {
    const pending = this.pending.get(pageId);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(pageId);
    }
    const current = this.running.get(pageId);
    if (current) {
      // The state is read when a render starts, so a change during this render needs one more.
      return current.then(() => this.renderNow(pageId));
    }
    const job = this.run(pageId).finally(() => this.running.delete(pageId));
    this.running.set(pageId, job);
    return job;
  }

  private async run(pageId: string): Promise<boolean> {
    try {
      const loaded = this.deps.loadState(pageId);
      if (!loaded) return false;
      const rendered = await this.deps.render(loaded.state);
      this.deps.store(pageId, rendered, loaded.version);
      for (const listener of this.listeners) listener(pageId);
      return true;
    } catch (error) {
      this.deps.log.error({ err: error, pageId }, 'page render failed; the previous rendering stays');
      return false;
    }
  }

  /** Subscribe to finished renders (search indexing, tests). Returns an unsubscribe function. */
  onRendered(listener: (pageId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-renders, one after another, every page whose rendering is behind its content. */
  async renderStale(): Promise<void> {
    const queue = this.deps.stalePageIds();
    if (queue.length > 0) this.deps.log.info({ pages: queue.length }, 're-rendering pages left stale');
    for (const pageId of queue) {
      if (this.stopped) return;
      await this.renderNow(pageId);
    }
  }

  /** Renders everything pending or running, then stops scheduling. Used on shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    const jobs = [...this.pending.keys()].map((pageId) => this.renderNow(pageId));
    await Promise.all([...jobs, ...this.running.values()]);
  }

  pendingCount(): number {
    return this.pending.size + this.running.size;
  }
}
