// Keeps each page's stored html/text/title in step with its content: after edits settle (debounce), and
// at least every maxWait while they keep coming. On boot it re-renders pages the last process left stale.
import type { FastifyBaseLogger } from 'fastify';
import type { RenderedPage } from './pageRenderer.js';

export interface RenderSchedulerDeps {
  /** The page's committed state and the version it corresponds to; null if the page is gone. */
  loadState(pageId: string): { state: Uint8Array; version: number } | null;
  render(state: Uint8Array): RenderedPage;
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
    const timer = setTimeout(() => this.renderNow(pageId), Math.max(0, due - now));
    this.pending.set(pageId, { timer, firstTouchedAt });
  }

  /** Renders a page immediately, cancelling any pending render. Returns false if the page is gone. */
  renderNow(pageId: string): boolean {
    const pending = this.pending.get(pageId);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(pageId);
    }
    try {
      const loaded = this.deps.loadState(pageId);
      if (!loaded) return false;
      const rendered = this.deps.render(loaded.state);
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

  /** Re-renders, one per macrotask so startup stays responsive, every page whose rendering is behind. */
  renderStale(): void {
    const queue = this.deps.stalePageIds();
    if (queue.length > 0) this.deps.log.info({ pages: queue.length }, 're-rendering pages left stale');
    const next = () => {
      const pageId = queue.shift();
      if (pageId === undefined || this.stopped) return;
      this.renderNow(pageId);
      setImmediate(next);
    };
    setImmediate(next);
  }

  /** Renders everything pending now and stops scheduling. Used on shutdown. */
  stop(): void {
    for (const pageId of [...this.pending.keys()]) this.renderNow(pageId);
    this.stopped = true;
  }

  pendingCount(): number {
    return this.pending.size;
  }
}
