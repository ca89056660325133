// SQL for the pages table. Statements are prepared once; transactions are synchronous.
import type { Db } from '../plugins/db.js';

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
}

export type PageSummaryRow = Pick<PageRow, 'id' | 'slug' | 'title' | 'updated_at'>;

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
  private readonly stale;
  private readonly createTx;

  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM pages WHERE id = ?');
    this.bySlugKey = db.prepare('SELECT * FROM pages WHERE slug_key = ?');
    this.idTaken = db.prepare('SELECT 1 FROM pages WHERE id = ? OR slug_key = ?').pluck();
    this.insertPage = db.prepare(`INSERT INTO pages
      (id, slug, slug_key, title, lang, html, text, created_at, updated_at, version, rendered_version)
      VALUES (@id, @slug, @slugKey, @title, @lang, @html, @text, @now, @now, 1, 1)`);
    this.insertSeed = db.prepare('INSERT INTO page_updates (page_id, data, created_at) VALUES (?, ?, ?)');
    const summary = 'SELECT id, slug, title, updated_at FROM pages';
    this.listFirst = db.prepare(`${summary} ORDER BY updated_at DESC, id DESC LIMIT ?`);
    this.listAfter = db.prepare(
      `${summary} WHERE (updated_at, id) < (?, ?) ORDER BY updated_at DESC, id DESC LIMIT ?`,
    );
    this.countAll = db.prepare('SELECT count(*) FROM pages').pluck();
    this.versionOf = db.prepare('SELECT version FROM pages WHERE id = ?').pluck();
    this.storeRendered = db.prepare(`UPDATE pages SET html = @html, text = @text,
      title = CASE WHEN @title = '' THEN title ELSE @title END,
      rendered_version = max(rendered_version, @version) WHERE id = @id`);
    this.stale = db.prepare('SELECT id FROM pages WHERE rendered_version < version').pluck();
    this.createTx = db.transaction((page: NewPage) => {
      this.insertPage.run(page);
      this.insertSeed.run(page.id, page.seed, page.now);
    });
  }

  findById(id: string): PageRow | undefined {
    return this.byId.get(id) as PageRow | undefined;
  }

  findBySlugKey(slugKey: string): PageRow | undefined {
    return this.bySlugKey.get(slugKey) as PageRow | undefined;
  }

  /** True when the value is already an id or a slug: ids and slugs share one namespace in /api/v1/pages/:idOrSlug. */
  isNameTaken(idOrSlugKey: string): boolean {
    return this.idTaken.get(idOrSlugKey, idOrSlugKey) !== undefined;
  }

  /** Inserts the page and its seed state in one transaction. */
  create(page: NewPage): void {
    this.createTx(page);
  }

  /** Most recently changed first; keyset pagination on (updated_at, id). */
  listRecent(limit: number, after?: { updatedAt: number; id: string }): PageSummaryRow[] {
    return (after ? this.listAfter.all(after.updatedAt, after.id, limit) : this.listFirst.all(limit)) as PageSummaryRow[];
  }

  count(): number {
    return this.countAll.get() as number;
  }

  version(id: string): number | undefined {
    return this.versionOf.get(id) as number | undefined;
  }

  /** Stores a rendering; an older rendering finishing late never overwrites a newer one's version mark. */
  storeRendering(id: string, r: { html: string; text: string; title: string }, version: number): void {
    this.storeRendered.run({ id, html: r.html, text: r.text, title: r.title, version });
  }

  stalePageIds(): string[] {
    return this.stale.all() as string[];
  }
}
