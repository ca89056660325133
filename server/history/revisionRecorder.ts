// Decides when live editing becomes a revision. Three rules, all in config.history:
// - quiet: no edit for quietMs;
// - left: the last editor left, and nobody came back within leaveGraceMs;
// - interval: maxIntervalMs after the revision's first change, however busy the session.
// The rules run on an injectable clock, so tests can drive them without waiting.
import type { RevisionTrigger } from './types.js';
import type { NewRevision, RevisionRow } from './revisions.repo.js';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RevisionRecorderDeps {
  clock: Clock;
  quietMs: number;
  leaveGraceMs: number;
  maxIntervalMs: number;
  /** Commits whatever the live rooms have queued, so a cut includes every edit made before it. */
  flushLive(): void;
  /** Cuts a revision in the database (null: nothing changed). */
  cut(revision: NewRevision, force: boolean): RevisionRow | null;
  /** Called after every cut, e.g. to render the revision and compact its stretch of the log. */
  afterCut(revision: RevisionRow, previousBoundary: number): void;
  lastBoundary(pageId: string): number;
  onError(error: unknown, pageId: string): void;
}

interface OpenRevision {
  firstChangeAt: number;
  quiet: unknown;
  interval: unknown;
  leave: unknown;
}

export class RevisionRecorder {
  private readonly open = new Map<string, OpenRevision>();
  private stopped = false;

  constructor(private readonly deps: RevisionRecorderDeps) {}

  /** Edits to these pages were committed. */
  changed(pageIds: Iterable<string>): void {
    if (this.stopped) return;
    const { clock } = this.deps;
    for (const pageId of pageIds) {
      let state = this.open.get(pageId);
      if (!state) {
        state = { firstChangeAt: clock.now(), quiet: null, interval: null, leave: null };
        state.interval = clock.setTimeout(() => this.cutSafely(pageId, 'interval'), this.deps.maxIntervalMs);
        this.open.set(pageId, state);
      }
      if (state.quiet !== null) clock.clearTimeout(state.quiet);
      state.quiet = clock.setTimeout(() => this.cutSafely(pageId, 'quiet'), this.deps.quietMs);
    }
  }

  /** The number of people able to edit a page changed. */
  writersChanged(pageId: string, writers: number): void {
    const state = this.open.get(pageId);
    if (!state || this.stopped) return;
    if (writers > 0) {
      if (state.leave !== null) this.deps.clock.clearTimeout(state.leave);
      state.leave = null;
    } else if (state.leave === null) {
      state.leave = this.deps.clock.setTimeout(() => this.cutSafely(pageId, 'left'), this.deps.leaveGraceMs);
    }
  }

  /** Whether the page has changes that are not in a revision yet (as far as this process knows). */
  hasOpenRevision(pageId: string): boolean {
    return this.open.has(pageId);
  }

  /**
   * Cuts a revision of the page now. Returns null when nothing changed (and `force` is false).
   * Throws if the database refuses; the open revision then stays open.
   */
  cut(pageId: string, trigger: RevisionTrigger, extra: Partial<NewRevision> = {}, force = false): RevisionRow | null {
    this.deps.flushLive();
    const previousBoundary = this.deps.lastBoundary(pageId);
    const revision = this.deps.cut({ pageId, trigger, now: this.deps.clock.now(), ...extra }, force);
    this.forget(pageId);
    if (revision) this.deps.afterCut(revision, previousBoundary);
    return revision;
  }

  /** Cuts every open revision (shutdown). */
  cutAll(trigger: RevisionTrigger): void {
    for (const pageId of [...this.open.keys()]) this.cutSafely(pageId, trigger);
  }

  stop(): void {
    this.stopped = true;
    for (const pageId of [...this.open.keys()]) this.forget(pageId);
  }

  private cutSafely(pageId: string, trigger: RevisionTrigger): void {
    try {
      this.cut(pageId, trigger);
    } catch (error) {
      this.deps.onError(error, pageId);
    }
  }

  private forget(pageId: string): void {
    const state = this.open.get(pageId);
    if (!state) return;
    const { clock } = this.deps;
    for (const timer of [state.quiet, state.interval, state.leave]) if (timer !== null) clock.clearTimeout(timer);
    this.open.delete(pageId);
  }
}
