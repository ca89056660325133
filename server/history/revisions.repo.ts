// SQL for page history: revisions, their authors, and which account owns each Yjs client id.
// Only this file writes page_revisions, revision_authors and page_clients (server/feeds/feeds.repo.ts reads the
// newest revisions across pages for feeds).
import type { Db } from '../plugins/db.js';
import type { RevisionTrigger } from './types.js';

/** What says what a revision is, wherever it is read from (the page's history, a feed across pages). */
export interface RevisionHeaderRow {
  page_id: string;
  number: number;
  created_at: number;
  trigger: RevisionTrigger;
  name: string | null;
  summary: string | null;
  named_by: string | null;
  named_by_name: string | null;
  named_at: number | null;
  restored_from: number | null;
}

export interface RevisionRow extends RevisionHeaderRow {
  id: number;
  boundary: number;
  version: number;
}

export interface RenderingRow {
  number: number;
  title: string | null;
  html: Buffer | null;
  text: Buffer | null;
  chain_length: number;
  chain_bytes: number;
}

export interface AuthorRow {
  revision: number;
  user_id: string;
  username: string;
  display_name: string;
  inserted: number;
  deleted: number;
}

export interface NewRevision {
  pageId: string;
  trigger: RevisionTrigger;
  now: number;
  name?: string | null;
  summary?: string | null;
  namedBy?: string | null;
  restoredFrom?: number | null;
}

export interface Rendering {
  title: string;
  html: Buffer;
  text: Buffer;
  chainLength: number;
  chainBytes: number;
}

const SUMMARY_COLUMNS = `r.id, r.page_id, r.number, r.boundary, r.version, r.created_at, r.trigger, r.name, r.summary,
  r.named_by, u.display_name AS named_by_name, r.named_at, r.restored_from`;
const FROM = 'FROM page_revisions r LEFT JOIN users u ON u.id = r.named_by';

export class RevisionsRepo {
  private readonly last;
  private readonly byNumber;
  private readonly listFirst;
  private readonly listBefore;
  private readonly countStmt;
  private readonly named;
  private readonly latestNamedStmt;
  private readonly latestNumberStmt;
  private readonly insert;
  private readonly adoptPendingAuthors;
  private readonly markRevised;
  private readonly pageVersions;
  private readonly upsertPending;
  private readonly claim;
  private readonly owners;
  private readonly setName;
  private readonly chain;
  private readonly renderingOf;
  private readonly storeRenderingStmt;
  private readonly unrendered;
  private readonly unrevised;
  private readonly authorsStmt;
  private readonly insertAuthor;
  private readonly pendingCount;
  private readonly cutTx;

  constructor(private readonly db: Db) {
    this.last = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE r.page_id = ? ORDER BY r.number DESC LIMIT 1`);
    this.byNumber = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE r.page_id = ? AND r.number = ?`);
    this.listFirst = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE r.page_id = ? ORDER BY r.number DESC LIMIT ?`);
    this.listBefore = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE r.page_id = ? AND r.number < ? ORDER BY r.number DESC LIMIT ?`);
    this.countStmt = db.prepare('SELECT count(*) FROM page_revisions WHERE page_id = ?').pluck();
    this.named = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE r.page_id = ? AND r.name IS NOT NULL ORDER BY r.number DESC`);
    this.latestNamedStmt = db.prepare(
      'SELECT number, name FROM page_revisions WHERE page_id = ? AND name IS NOT NULL ORDER BY number DESC LIMIT 1');
    this.latestNumberStmt = db.prepare('SELECT max(number) FROM page_revisions WHERE page_id = ?').pluck();
    this.insert = db.prepare(`INSERT INTO page_revisions
      (page_id, number, boundary, version, created_at, trigger, name, summary, named_by, named_at, restored_from)
      VALUES (@pageId, @number, @boundary, @version, @now, @trigger, @name, @summary, @namedBy, @namedAt, @restoredFrom)`);
    this.adoptPendingAuthors = db.prepare('UPDATE revision_authors SET revision = ? WHERE page_id = ? AND revision = 0');
    this.markRevised = db.prepare('UPDATE pages SET revised_version = ? WHERE id = ?');
    this.pageVersions = db.prepare(`SELECT version, revised_version,
      (SELECT coalesce(max(id), 0) FROM page_updates WHERE page_id = pages.id) AS last_update FROM pages WHERE id = ?`);
    this.upsertPending = db.prepare(`INSERT INTO revision_authors (page_id, revision, user_id, inserted, deleted)
      VALUES (?, 0, ?, ?, ?) ON CONFLICT (page_id, revision, user_id)
      DO UPDATE SET inserted = inserted + excluded.inserted, deleted = deleted + excluded.deleted`);
    this.insertAuthor = db.prepare(`INSERT INTO revision_authors (page_id, revision, user_id, inserted, deleted) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (page_id, revision, user_id) DO UPDATE SET inserted = inserted + excluded.inserted, deleted = deleted + excluded.deleted`);
    this.pendingCount = db.prepare('SELECT count(*) FROM revision_authors WHERE page_id = ? AND revision = 0').pluck();
    this.claim = db.prepare('INSERT OR IGNORE INTO page_clients (page_id, client_id, user_id, first_at) VALUES (?, ?, ?, ?)');
    this.owners = db.prepare('SELECT client_id, user_id FROM page_clients WHERE page_id = ?');
    this.setName = db.prepare(`UPDATE page_revisions SET name = @name, summary = @summary, named_by = @namedBy, named_at = @now
      WHERE page_id = @pageId AND number = @number`);
    // From the last full copy at or before the revision, up to it: what it takes to rebuild its rendering.
    this.chain = db.prepare(`SELECT number, title, html, text, chain_length, chain_bytes FROM page_revisions
      WHERE page_id = @pageId AND number <= @number AND number >= (
        SELECT coalesce(max(number), 1) FROM page_revisions WHERE page_id = @pageId AND number <= @number AND chain_length = 0 AND html IS NOT NULL)
      ORDER BY number`);
    this.renderingOf = db.prepare('SELECT number, title, html, text, chain_length, chain_bytes FROM page_revisions WHERE page_id = ? AND number = ?');
    this.storeRenderingStmt = db.prepare(`UPDATE page_revisions SET title = @title, html = @html, text = @text,
      chain_length = @chainLength, chain_bytes = @chainBytes WHERE page_id = @pageId AND number = @number AND html IS NULL`);
    this.unrendered = db.prepare('SELECT page_id, number FROM page_revisions WHERE html IS NULL ORDER BY page_id, number');
    this.unrevised = db.prepare('SELECT id FROM pages WHERE revised_version < version').pluck();
    this.authorsStmt = db.prepare(`SELECT a.revision, a.user_id, u.username, u.display_name, a.inserted, a.deleted
      FROM revision_authors a JOIN users u ON u.id = a.user_id
      WHERE a.page_id = ? AND a.revision IN (SELECT value FROM json_each(?))
      ORDER BY a.revision, a.inserted + a.deleted DESC, u.display_name`);

    this.cutTx = db.transaction((revision: NewRevision, force: boolean): RevisionRow | null => {
      const page = this.pageVersions.get(revision.pageId) as { version: number; revised_version: number; last_update: number } | undefined;
      if (!page) return null;
      const last = this.last.get(revision.pageId) as RevisionRow | undefined;
      const changed = !last || page.version > page.revised_version || (this.pendingCount.get(revision.pageId) as number) > 0;
      if (!changed && !force) return null;
      const number = (last?.number ?? 0) + 1;
      this.insert.run({
        pageId: revision.pageId,
        number,
        boundary: page.last_update,
        version: page.version,
        now: revision.now,
        trigger: revision.trigger,
        name: revision.name ?? null,
        summary: revision.summary ?? null,
        namedBy: revision.name ? (revision.namedBy ?? null) : null,
        namedAt: revision.name ? revision.now : null,
        restoredFrom: revision.restoredFrom ?? null,
      });
      this.adoptPendingAuthors.run(number, revision.pageId);
      this.markRevised.run(page.version, revision.pageId);
      return this.byNumber.get(revision.pageId, number) as RevisionRow;
    });
  }

  /**
   * Cuts a revision of everything the page's log holds now, with the changes' pending authors. Returns
   * null when nothing changed since the last revision (unless `force`: a named version of unchanged content).
   */
  cut(revision: NewRevision, force = false): RevisionRow | null {
    return this.cutTx(revision, force) as RevisionRow | null;
  }

  lastRevision(pageId: string): RevisionRow | undefined {
    return this.last.get(pageId) as RevisionRow | undefined;
  }

  find(pageId: string, number: number): RevisionRow | undefined {
    return this.byNumber.get(pageId, number) as RevisionRow | undefined;
  }

  list(pageId: string, before: number | undefined, limit: number): RevisionRow[] {
    return (before === undefined ? this.listFirst.all(pageId, limit) : this.listBefore.all(pageId, before, limit)) as RevisionRow[];
  }

  count(pageId: string): number {
    return this.countStmt.get(pageId) as number;
  }

  /** The latest named version's number and name, without its authors: for every page view. */
  latestNamed(pageId: string): { number: number; name: string } | undefined {
    return this.latestNamedStmt.get(pageId) as { number: number; name: string } | undefined;
  }

  latestNumber(pageId: string): number | null {
    return this.latestNumberStmt.get(pageId) as number | null;
  }

  namedVersions(pageId: string): RevisionRow[] {
    return this.named.all(pageId) as RevisionRow[];
  }

  authorsOf(pageId: string, numbers: number[]): AuthorRow[] {
    if (numbers.length === 0) return [];
    return this.authorsStmt.all(pageId, JSON.stringify(numbers)) as AuthorRow[];
  }

  /** Adds to the changes not yet in a revision. Runs inside the update log's commit transaction. */
  addPending(pageId: string, userId: string, inserted: number, deleted: number): void {
    this.upsertPending.run(pageId, userId, inserted, deleted);
  }

  /** Credits changes to an existing revision (a page's first revision, written at creation). */
  addAuthor(pageId: string, number: number, userId: string, inserted: number, deleted: number): void {
    this.insertAuthor.run(pageId, number, userId, inserted, deleted);
  }

  /** Records that an account wrote with a client id; the first account to use an id keeps it. */
  claimClient(pageId: string, clientId: number, userId: string, now: number): void {
    this.claim.run(pageId, clientId, userId, now);
  }

  clientOwners(pageId: string): Map<number, string> {
    const rows = this.owners.all(pageId) as { client_id: number; user_id: string }[];
    return new Map(rows.map((r) => [r.client_id, r.user_id]));
  }

  name(pageId: string, number: number, name: string, summary: string | null, namedBy: string, now: number): boolean {
    return this.setName.run({ pageId, number, name, summary, namedBy, now }).changes > 0;
  }

  /** The stored renderings from the last full copy up to `number`, oldest first. */
  renderingChain(pageId: string, number: number): RenderingRow[] {
    return this.chain.all({ pageId, number }) as RenderingRow[];
  }

  rendering(pageId: string, number: number): RenderingRow | undefined {
    return this.renderingOf.get(pageId, number) as RenderingRow | undefined;
  }

  /** Stores a revision's rendering once; a revision's rendering never changes afterwards. */
  storeRendering(pageId: string, number: number, rendering: Rendering): void {
    this.storeRenderingStmt.run({ pageId, number, ...rendering });
  }

  unrenderedRevisions(): { page_id: string; number: number }[] {
    return this.unrendered.all() as { page_id: string; number: number }[];
  }

  /** Pages with changes that are in no revision (the last process stopped before cutting them). */
  unrevisedPageIds(): string[] {
    return this.unrevised.all() as string[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
