// SQL for the pages table. Statements are prepared once; transactions are synchronous.
import type { Db } from '../plugins/db.js';
import type { RenderedPage } from '../render/pageRenderer.js';

export interface PageRow {
  id: string;
  slug: string;
  slug_key: string;
  title: string;
  lang: string;
  html: string;
  text: string;
  created_at: number;
  updated_at: number;
  version: number;
  rendered_version: number;
  space_id: string;
  created_by: string | null;
}

/** An old address of a renamed page (page_redirects). */
export interface RedirectRow {
  slug: string;
  slug_key: string;
  page_id: string;
  created_at: number;
}

/** A rename as stored: the page's new address and title, and its old address (null when the slug stays). */
export interface PageMove {
  id: string;
  slug: string;
  slugKey: string;
  title: string;
  oldSlug: { slug: string; slugKey: string } | null;
  now: number;
}

export type PageSummaryRow = Pick<PageRow, 'id' | 'slug' | 'title' | 'updated_at' | 'space_id'>;

export interface NewPage {
  id: string;
  slug: string;
  slugKey: string;
  title: string;
  lang: string;
  html: string;
  text: string;
  seed: Uint8Array;
  now: number;
  spaceId: string;
  createdBy: string | null;
  /** The first rendering's catalogue entry (null or absent: not an entry). */
  entry?: RenderedPage['entry'];
}

/** A rendering as stored, with what the renderer found in it when it comes from a fresh render. */
export interface StoredRendering {
  html: string;
  text: string;
  title: string;
  headings?: string[];
  /** Present (null or the entry) when the rendering was read from the page's document. */
  entry?: RenderedPage['entry'];
}

/** Derived data kept in step with pages, inside the transactions that create them and store their renderings. */
export interface PageIndexer {
  indexPage(pageId: string, rendering: StoredRendering): void;
  /** The page is gone (its rows went with it by cascade); forget anything held in memory. */
  pageDeleted?(pageId: string): void;
}

export class PagesRepo {
  private readonly byId;
  private readonly bySlugKey;
  private readonly idTaken;
  private readonly insertPage;
  private readonly insertSeed;
  private readonly listFirst;
  private readonly listAfter;
  private readonly countAll;
  private readonly versionOf;
  private readonly storeRendered;
  private readonly storeRenderingTx;
  private readonly stale;
  private readonly createTx;
  private readonly remove;
  private readonly contribute;
  private readonly contributedFirst;
  private readonly contributedAfter;
  private readonly redirectByKey;
  private readonly redirectsOfPage;
  private readonly insertRedirect;
  private readonly deleteRedirect;
  private readonly updateAddress;
  private readonly moveTx;

  /** @param indexers kept in step in the same transactions that create pages and store their renderings (search, catalogue) */
  constructor(db: Db, private readonly indexers: readonly PageIndexer[] = []) {
    this.byId = db.prepare('SELECT * FROM pages WHERE id = ?');
    this.bySlugKey = db.prepare('SELECT * FROM pages WHERE slug_key = ?');
    this.idTaken = db.prepare('SELECT 1 FROM pages WHERE id = ? OR slug_key = ?').pluck();
    this.insertPage = db.prepare(`INSERT INTO pages
      (id, slug, slug_key, title, lang, html, text, created_at, updated_at, version, rendered_version, space_id, created_by)
      VALUES (@id, @slug, @slugKey, @title, @lang, @html, @text, @now, @now, 1, 1, @spaceId, @createdBy)`);
    this.insertSeed = db.prepare('INSERT INTO page_updates (page_id, data, created_at) VALUES (?, ?, ?)');
    // Listings take the readable space ids as a JSON array, so one prepared statement serves every reader.
    const summary = 'SELECT id, slug, title, updated_at, space_id FROM pages WHERE space_id IN (SELECT value FROM json_each(?))';
    this.listFirst = db.prepare(`${summary} ORDER BY updated_at DESC, id DESC LIMIT ?`);
    this.listAfter = db.prepare(
      `${summary} AND (updated_at, id) < (?, ?) ORDER BY updated_at DESC, id DESC LIMIT ?`,
    );
    this.countAll = db.prepare('SELECT count(*) FROM pages WHERE space_id IN (SELECT value FROM json_each(?))').pluck();
    this.remove = db.prepare('DELETE FROM pages WHERE id = ?');
    this.contribute = db.prepare(`INSERT INTO page_contributors (page_id, user_id, first_at, last_at, edits) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (page_id, user_id) DO UPDATE SET last_at = excluded.last_at, edits = edits + 1`);
    const contributed = `SELECT p.id, p.slug, p.title, p.updated_at, p.space_id, c.last_at, c.edits FROM page_contributors c
      JOIN pages p ON p.id = c.page_id WHERE c.user_id = ? AND p.space_id IN (SELECT value FROM json_each(?))`;
    this.contributedFirst = db.prepare(`${contributed} ORDER BY c.last_at DESC, p.id DESC LIMIT ?`);
    this.contributedAfter = db.prepare(`${contributed} AND (c.last_at, p.id) < (?, ?) ORDER BY c.last_at DESC, p.id DESC LIMIT ?`);
    this.versionOf = db.prepare('SELECT version FROM pages WHERE id = ?').pluck();
    this.storeRendered = db.prepare(`UPDATE pages SET html = @html, text = @text,
      title = CASE WHEN @title = '' THEN title ELSE @title END,
      rendered_version = max(rendered_version, @version) WHERE id = @id`);
    this.stale = db.prepare('SELECT id FROM pages WHERE rendered_version < version').pluck();
    this.redirectByKey = db.prepare('SELECT * FROM page_redirects WHERE slug_key = ?');
    this.redirectsOfPage = db.prepare('SELECT * FROM page_redirects WHERE page_id = ? ORDER BY created_at DESC, slug_key');
    this.insertRedirect = db.prepare('INSERT INTO page_redirects (slug_key, slug, page_id, created_at) VALUES (?, ?, ?, ?)');
    this.deleteRedirect = db.prepare('DELETE FROM page_redirects WHERE slug_key = ?');
    this.updateAddress = db.prepare('UPDATE pages SET slug = @slug, slug_key = @slugKey, title = @title, updated_at = @now WHERE id = @id');
    // An address is a page's current one or an old one, never both: taking it drops it as a redirect (the
    // caller decided that was allowed), and the address left behind becomes one, pointing at the id.
    this.moveTx = db.transaction((move: PageMove, alsoInTransaction: () => void) => {
      this.deleteRedirect.run(move.slugKey);
      if (move.oldSlug) this.insertRedirect.run(move.oldSlug.slugKey, move.oldSlug.slug, move.id, move.now);
      this.updateAddress.run(move);
      alsoInTransaction();
    });
    this.createTx = db.transaction((page: NewPage) => {
      this.deleteRedirect.run(page.slugKey);
      this.insertPage.run(page);
      this.insertSeed.run(page.id, page.seed, page.now);
      for (const indexer of this.indexers) indexer.indexPage(page.id, { html: page.html, text: page.text, title: page.title, entry: page.entry });
    });
    // What search and the catalogue find is exactly what is stored: their rows change with the rendering, atomically.
    this.storeRenderingTx = db.transaction((id: string, r: StoredRendering, version: number) => {
      const changed = this.storeRendered.run({ id, html: r.html, text: r.text, title: r.title, version }).changes > 0;
      if (changed) for (const indexer of this.indexers) indexer.indexPage(id, r);
    });
  }

  findById(id: string): PageRow | undefined {
    return this.byId.get(id) as PageRow | undefined;
  }

  findBySlugKey(slugKey: string): PageRow | undefined {
    return this.bySlugKey.get(slugKey) as PageRow | undefined;
  }

  /** The page an old address leads to, if it is one. */
  findRedirect(slugKey: string): RedirectRow | undefined {
    return this.redirectByKey.get(slugKey) as RedirectRow | undefined;
  }

  /** A page's old addresses, newest first. */
  redirectsOf(pageId: string): RedirectRow[] {
    return this.redirectsOfPage.all(pageId) as RedirectRow[];
  }

  /** Changes a page's address and title in one transaction, with whatever else must commit with it (the audit entry). */
  move(move: PageMove, alsoInTransaction: () => void = () => {}): void {
    this.moveTx(move, alsoInTransaction);
  }

  /** True when the value is already an id or a slug: ids and slugs share one namespace in /api/v1/pages/:idOrSlug. */
  isNameTaken(idOrSlugKey: string): boolean {
    return this.idTaken.get(idOrSlugKey, idOrSlugKey) !== undefined;
  }

  /** Inserts the page and its seed state in one transaction. */
  create(page: NewPage): void {
    this.createTx(page);
  }

  /** Most recently changed first, in the given spaces; keyset pagination on (updated_at, id). */
  listRecent(spaceIds: string[], limit: number, after?: { updatedAt: number; id: string }): PageSummaryRow[] {
    const spaces = JSON.stringify(spaceIds);
    return (after ? this.listAfter.all(spaces, after.updatedAt, after.id, limit) : this.listFirst.all(spaces, limit)) as PageSummaryRow[];
  }

  count(spaceIds: string[]): number {
    return this.countAll.get(JSON.stringify(spaceIds)) as number;
  }

  delete(id: string): boolean {
    const deleted = this.remove.run(id).changes > 0;
    if (deleted) for (const indexer of this.indexers) indexer.pageDeleted?.(id);
    return deleted;
  }

  /** Records that these accounts wrote in the page (call inside the commit that stores their updates). */
  recordContributors(pageId: string, userIds: Iterable<string>, now: number): void {
    for (const userId of userIds) this.contribute.run(pageId, userId, now, now);
  }

  /** Pages an account wrote in, most recent contribution first, in the given spaces. */
  contributedBy(userId: string, spaceIds: string[], limit: number, after?: { lastAt: number; id: string }): (PageSummaryRow & { last_at: number; edits: number })[] {
    const spaces = JSON.stringify(spaceIds);
    return (after
      ? this.contributedAfter.all(userId, spaces, after.lastAt, after.id, limit)
      : this.contributedFirst.all(userId, spaces, limit)) as (PageSummaryRow & { last_at: number; edits: number })[];
  }

  version(id: string): number | undefined {
    return this.versionOf.get(id) as number | undefined;
  }

  /** Stores a rendering; an older rendering finishing late never overwrites a newer one's version mark. */
  storeRendering(id: string, r: StoredRendering, version: number): void {
    this.storeRenderingTx(id, r, version);
  }

  stalePageIds(): string[] {
    return this.stale.all() as string[];
  }
}
