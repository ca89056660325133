// The only SQL on catalogue_entries. Entries are read joined with their pages (title, address, language,
// text, space, last change) and always narrowed to the spaces given, in SQL.
import type { Db } from '../plugins/db.js';

export interface CatalogueEntryRow {
  page_id: string;
  /** JSON EntryFields. */
  fields: string;
  /** JSON EntryProblem[]. */
  problems: string;
  updated_at: number;
}

/** An entry with what the index needs of its page. */
export interface CatalogueDocumentRow {
  id: string;
  slug: string;
  title: string;
  lang: string;
  text: string;
  space_id: string;
  updated_at: number;
  fields: string;
}

export class CatalogueRepo {
  private readonly upsertStmt;
  private readonly removeStmt;
  private readonly byPage;
  private readonly holdingSpaces;
  private readonly documentsIn;
  private readonly countAll;

  constructor(private readonly db: Db) {
    this.upsertStmt = db.prepare(`INSERT INTO catalogue_entries (page_id, fields, problems, updated_at) VALUES (@pageId, @fields, @problems, @now)
      ON CONFLICT (page_id) DO UPDATE SET fields = excluded.fields, problems = excluded.problems, updated_at = excluded.updated_at`);
    this.removeStmt = db.prepare('DELETE FROM catalogue_entries WHERE page_id = ?');
    this.byPage = db.prepare('SELECT * FROM catalogue_entries WHERE page_id = ?');
    this.holdingSpaces = db.prepare('SELECT DISTINCT p.space_id FROM catalogue_entries c JOIN pages p ON p.id = c.page_id').pluck();
    this.documentsIn = db.prepare(`SELECT p.id, p.slug, p.title, p.lang, p.text, p.space_id, p.updated_at, c.fields
      FROM catalogue_entries c JOIN pages p ON p.id = c.page_id
      WHERE p.space_id IN (SELECT value FROM json_each(?)) ORDER BY p.id`);
    this.countAll = db.prepare('SELECT count(*) FROM catalogue_entries').pluck();
  }

  upsert(pageId: string, fields: string, problems: string, now: number): void {
    this.upsertStmt.run({ pageId, fields, problems, now });
  }

  /** True when the page had a row. */
  remove(pageId: string): boolean {
    return this.removeStmt.run(pageId).changes > 0;
  }

  find(pageId: string): CatalogueEntryRow | undefined {
    return this.byPage.get(pageId) as CatalogueEntryRow | undefined;
  }

  /** Spaces that hold at least one entry. */
  spacesWithEntries(): string[] {
    return this.holdingSpaces.all() as string[];
  }

  /** Every entry in these spaces, by page id. */
  documents(spaceIds: string[]): CatalogueDocumentRow[] {
    return this.documentsIn.all(JSON.stringify(spaceIds)) as CatalogueDocumentRow[];
  }

  count(): number {
    return this.countAll.get() as number;
  }

  /**
   * Changes when another connection (the command line, a second process) commits to the database; this
   * process's own writes are tracked by the service. SQLite's data_version, read on this connection.
   */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
