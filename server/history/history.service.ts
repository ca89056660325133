// Page history: recording revisions from live editing, and listing, reading, comparing, naming and
// restoring them. Callers have authorized the page; this module decides and stores.
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import type { CollabHub } from '../collab/collabHub.js';
import type { RoomEdits } from '../collab/collabRoom.js';
import { loadStoredState } from '../collab/storedState.js';
import type { UpdateLogRepo } from '../collab/updateLog.repo.js';
import { errors } from '../plugins/errors.js';
import type { RenderedPage } from '../render/pageRenderer.js';
import type { UsersRepo } from '../users/users.repo.js';
import { attributeState } from './attribution.js';
import { buildRestoreEdit } from './restoreEdit.js';
import { RevisionRecorder, type Clock } from './revisionRecorder.js';
import { RevisionRenderings } from './revisionRenderings.js';
import type { AuthorRow, RevisionHeaderRow, RevisionRow, RevisionsRepo } from './revisions.repo.js';
import type { Actor, Attribution, AttributionAuthor, RevisionDetail, RevisionDiff, RevisionPage, RevisionSummary } from './types.js';
import { diffTexts, diffWords } from './wordDiff.js';

export const MAX_VERSION_NAME = 120;
export const MAX_VERSION_SUMMARY = 1000;

export interface HistoryServiceDeps {
  repo: RevisionsRepo;
  updateLog: UpdateLogRepo;
  users: UsersRepo;
  render(state: Uint8Array): Promise<RenderedPage>;
  clock: Clock;
  limits: { quietMs: number; leaveGraceMs: number; maxIntervalMs: number };
  log: FastifyBaseLogger;
  /** Brings the page's stored rendering up to date now (after a restore, so the page shows it at once). */
  renderPage(pageId: string): Promise<unknown>;
}

export class HistoryService {
  readonly recorder: RevisionRecorder;
  readonly renderings: RevisionRenderings;
  private hub: CollabHub | null = null;

  constructor(private readonly deps: HistoryServiceDeps) {
    this.renderings = new RevisionRenderings({ repo: deps.repo, updateLog: deps.updateLog, render: deps.render, log: deps.log });
    this.recorder = new RevisionRecorder({
      clock: deps.clock,
      ...deps.limits,
      flushLive: () => this.hub?.flushNow(),
      cut: (revision, force) => deps.repo.cut(revision, force),
      afterCut: (revision, previousBoundary) => this.afterCut(revision, previousBoundary),
      lastBoundary: (pageId) => this.lastBoundary(pageId),
      onError: (error, pageId) => deps.log.error({ err: error, pageId }, 'could not record a revision'),
    });
  }

  /** The live hub, whose documents restores edit and whose queued edits a cut commits first. */
  attachHub(hub: CollabHub): void {
    this.hub = hub;
  }

  // --- recording (called by the hub and the pages service) ---

  /** Stores who wrote what with a commit of live updates; runs inside the commit's transaction. */
  recordEdits(edits: Map<string, RoomEdits>, now: number): void {
    const { repo } = this.deps;
    for (const [pageId, { changes, claims }] of edits) {
      for (const [userId, change] of changes) repo.addPending(pageId, userId, change.inserted, change.deleted);
      for (const [clientId, userId] of claims) repo.claimClient(pageId, clientId, userId, now);
    }
  }

  /** A new page's first revision: its seeded state, credited to its creator, with the rendering at hand. */
  recordCreated(pageId: string, seed: Uint8Array, rendered: RenderedPage, userId: string | null): void {
    const { repo } = this.deps;
    const revision = repo.transaction(() => {
      const row = repo.cut({ pageId, trigger: 'created', now: this.deps.clock.now() }, true);
      if (row && userId) {
        let inserted = 0;
        for (const struct of Y.decodeUpdate(seed).structs) {
          repo.claimClient(pageId, struct.id.client, userId, row.created_at);
          if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) inserted += struct.length;
        }
        repo.addAuthor(pageId, row.number, userId, inserted, 0);
      }
      return row;
    });
    if (revision) this.renderings.store(pageId, revision.number, rendered);
  }

  lastBoundary(pageId: string): number {
    return this.deps.repo.lastRevision(pageId)?.boundary ?? 0;
  }

  /** On start: changes the last process left out of any revision become one, and missing renderings are made. */
  async recover(): Promise<void> {
    for (const pageId of this.deps.repo.unrevisedPageIds()) {
      try {
        this.recorder.cut(pageId, 'recovered');
      } catch (error) {
        this.deps.log.error({ err: error, pageId }, 'could not record a recovered revision');
      }
    }
    await this.renderings.renderMissing();
  }

  // --- reading ---

  list(pageId: string, options: { before?: number; limit: number }): RevisionPage {
    const rows = this.deps.repo.list(pageId, options.before, options.limit);
    const items = this.present(pageId, rows);
    const last = rows[rows.length - 1];
    return {
      items,
      total: this.deps.repo.count(pageId),
      nextCursor: rows.length === options.limit && last && last.number > 1 ? last.number : null,
    };
  }

  /** The page's latest revision number, or null before its first. */
  latestNumber(pageId: string): number | null {
    return this.deps.repo.latestNumber(pageId);
  }

  latestNamed(pageId: string): { number: number; name: string } | null {
    return this.deps.repo.latestNamed(pageId) ?? null;
  }

  namedVersions(pageId: string): RevisionSummary[] {
    return this.present(pageId, this.deps.repo.namedVersions(pageId));
  }

  async get(pageId: string, number: number): Promise<RevisionDetail | null> {
    const row = this.deps.repo.find(pageId, number);
    if (!row) return null;
    const rendering = await this.renderings.read(pageId, number, row.boundary);
    if (!rendering) return null;
    return { ...this.present(pageId, [row])[0], ...rendering };
  }

  async diff(pageId: string, from: number, to: number): Promise<RevisionDiff | null> {
    const [older, newer] = await Promise.all([this.get(pageId, from), this.get(pageId, to)]);
    if (!older || !newer) return null;
    const { html: _a, text: fromText, title: fromTitle, ...fromSummary } = older;
    const { html: _b, text: toText, title: toTitle, ...toSummary } = newer;
    return { from: fromSummary, to: toSummary, title: diffWords(fromTitle, toTitle), ...diffTexts(fromText, toText) };
  }

  /** Who wrote each part of the current text, by the account owning each Yjs item's client id. */
  async attribution(pageId: string): Promise<Attribution> {
    const state = this.hub?.committedState(pageId) ?? loadStoredState(this.deps.updateLog, pageId);
    const owners = this.deps.repo.clientOwners(pageId);
    const { blocks } = attributeState(state, (clientId) => owners.get(clientId) ?? null);
    const authors: AttributionAuthor[] = [];
    const indexOf = new Map<string | null, number>();
    const authorIndex = (userId: string | null): number => {
      let index = indexOf.get(userId);
      if (index === undefined) {
        const user = userId ? this.deps.users.findById(userId) : undefined;
        index = authors.length;
        authors.push({ userId, username: user?.username ?? null, displayName: user?.display_name ?? null, characters: 0 });
        indexOf.set(userId, index);
      }
      return index;
    };
    const presented = blocks.map((block) => ({
      kind: block.kind,
      runs: block.runs.map((run) => {
        const author = authorIndex(run.owner);
        authors[author].characters += run.text.length;
        return { author, text: run.text };
      }),
    }));
    return { authors, blocks: presented };
  }

  // --- changing ---

  saveVersion(pageId: string, input: { name: string; summary?: string }, actor: Actor): RevisionSummary {
    const { name, summary } = checkName(input);
    const { repo } = this.deps;
    let row = this.recorder.cut(pageId, 'saved', { name, summary, namedBy: actor.userId });
    if (!row) {
      // Nothing changed since the last revision: that revision is the version, unless it already has a name.
      const last = repo.lastRevision(pageId);
      if (last && last.name === null) {
        repo.name(pageId, last.number, name, summary, actor.userId, this.deps.clock.now());
        row = repo.find(pageId, last.number)!;
      } else {
        row = this.recorder.cut(pageId, 'saved', { name, summary, namedBy: actor.userId }, true)!;
      }
    }
    return this.present(pageId, [row])[0];
  }

  nameRevision(pageId: string, number: number, input: { name: string; summary?: string }, actor: Actor): RevisionSummary | null {
    const { name, summary } = checkName(input);
    if (!this.deps.repo.name(pageId, number, name, summary, actor.userId, this.deps.clock.now())) return null;
    return this.present(pageId, [this.deps.repo.find(pageId, number)!])[0];
  }

  /**
   * Restores a revision as a forward edit of the live document. Changes not yet in a revision are cut
   * first (as a 'checkpoint'), so the restore is a revision of its own and can itself be undone.
   */
  async restore(pageId: string, number: number, actor: Actor): Promise<RevisionSummary | null> {
    const row = this.deps.repo.find(pageId, number);
    const hub = this.hub;
    if (!row || !hub) return null;
    this.recorder.cut(pageId, 'checkpoint');
    const target = this.renderings.stateAt(pageId, row.boundary);
    const current = hub.committedState(pageId) ?? loadStoredState(this.deps.updateLog, pageId);
    const { update } = buildRestoreEdit(current, target);
    if (update && !hub.applyServerEdit(pageId, update, actor.userId)) return null;
    const restored = this.recorder.cut(pageId, 'restored', { restoredFrom: number }, true)!;
    await this.deps.renderPage(pageId);
    return this.present(pageId, [restored])[0];
  }

  /** Stops cutting revisions (shutdown) and waits for the renders already queued. */
  async stop(): Promise<void> {
    this.recorder.stop();
    await this.renderings.idle();
  }

  private afterCut(revision: RevisionRow, previousBoundary: number): void {
    if (revision.boundary > previousBoundary) {
      try {
        this.deps.updateLog.compactRange(revision.page_id, previousBoundary, revision.boundary);
      } catch (error) {
        this.deps.log.error({ err: error, pageId: revision.page_id }, 'could not compact a revision; the log is unchanged');
      }
    }
    this.renderings.schedule(revision.page_id, revision.number, revision.boundary).catch((error) => {
      this.deps.log.error({ err: error, pageId: revision.page_id, number: revision.number }, 'could not render a revision');
    });
  }

  private present(pageId: string, rows: RevisionRow[]): RevisionSummary[] {
    const authors = new Map<number, AuthorRow[]>();
    for (const author of this.deps.repo.authorsOf(pageId, rows.map((r) => r.number))) {
      const list = authors.get(author.revision);
      if (list) list.push(author);
      else authors.set(author.revision, [author]);
    }
    return rows.map((row) => presentRevision(row, authors.get(row.number) ?? []));
  }
}

/** A revision as the history presents it: its row (from the history or a feed) and its authors. */
export function presentRevision(row: RevisionHeaderRow, authors: AuthorRow[]): RevisionSummary {
  return {
    number: row.number,
    createdAt: row.created_at,
    trigger: row.trigger,
    name: row.name,
    summary: row.summary,
    namedBy: row.named_by ? { userId: row.named_by, displayName: row.named_by_name ?? '' } : null,
    namedAt: row.named_at,
    restoredFrom: row.restored_from,
    authors: authors.map((a) => ({ userId: a.user_id, username: a.username, displayName: a.display_name, inserted: a.inserted, deleted: a.deleted })),
  };
}

function checkName(input: { name: string; summary?: string }): { name: string; summary: string | null } {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name.length === 0) throw errors.invalidInput('A version needs a name.');
  if (name.length > MAX_VERSION_NAME) throw errors.invalidInput(`A version name has at most ${MAX_VERSION_NAME} characters.`);
  const summary = input.summary?.trim() ?? '';
  if (summary.length > MAX_VERSION_SUMMARY) throw errors.invalidInput(`A version summary has at most ${MAX_VERSION_SUMMARY} characters.`);
  return { name, summary: summary || null };
}
