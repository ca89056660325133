// The only SQL on page_links. A page's rows are replaced whole (inside the transaction that stores its
// rendering); backlinks are read joined with their source pages and always narrowed to the spaces given, in SQL.
import type { Db } from '../plugins/db.js';

/** Where one page's links lead: page ids, and the slug keys of titles no page had when it was indexed. */
export interface LinkTargets {
  ids: Iterable<string>;
  titleKeys: Iterable<string>;
}

export interface BacklinkRow {
  id: string;
  slug: string;
  title: string;
  space_id: string;
}

/** The page a wanted title now names, if any. */
export interface WantedTitleRow {
  title_key: string;
  page_id: string | null;
  space_id: string | null;
}

export class LinksRepo {
  private readonly removeFrom;
  private readonly insertId;
  private readonly insertTitle;
  private readonly idBySlugKey;
  private readonly backlinksPage;
  private readonly backlinksCount;
  private readonly missingTargets;
  private readonly wantedTitles;
  private readonly replaceTx;

  constructor(db: Db) {
    this.removeFrom = db.prepare('DELETE FROM page_links WHERE source_id = ?');
    this.insertId = db.prepare('INSERT OR IGNORE INTO page_links (source_id, target_id) VALUES (?, ?)');
    this.insertTitle = db.prepare('INSERT OR IGNORE INTO page_links (source_id, target_title_key) VALUES (?, ?)');
    // A current address first, else an old one (page_redirects): a link to a renamed page's old address
    // still names that page.
    this.idBySlugKey = db
      .prepare('SELECT coalesce((SELECT id FROM pages WHERE slug_key = @key), (SELECT page_id FROM page_redirects WHERE slug_key = @key))')
      .pluck();
    // Sources of links to the page by id, or by a title key that is its address now or was before a rename;
    // the page itself excluded.
    const sources = `SELECT p.id, p.slug, p.title, p.space_id FROM pages p
      WHERE p.id IN (SELECT source_id FROM page_links WHERE target_id = @id
                     UNION SELECT source_id FROM page_links WHERE target_title_key = @key
                     UNION SELECT l.source_id FROM page_redirects r JOIN page_links l ON l.target_title_key = r.slug_key
                       WHERE r.page_id = @id)
        AND p.id <> @id AND p.space_id IN (SELECT value FROM json_each(@spaces))`;
    this.backlinksPage = db.prepare(`${sources} ORDER BY p.title COLLATE NOCASE, p.id LIMIT @limit OFFSET @offset`);
    this.backlinksCount = db.prepare(`SELECT count(*) FROM (${sources})`).pluck();
    this.missingTargets = db
      .prepare(`SELECT l.target_id FROM page_links l WHERE l.source_id = ? AND l.target_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = l.target_id)`)
      .pluck();
    this.wantedTitles = db.prepare(`SELECT l.target_title_key AS title_key, p.id AS page_id, p.space_id FROM page_links l
      LEFT JOIN pages p ON p.id = coalesce((SELECT id FROM pages WHERE slug_key = l.target_title_key),
        (SELECT page_id FROM page_redirects WHERE slug_key = l.target_title_key))
      WHERE l.source_id = ? AND l.target_title_key IS NOT NULL`);
    this.replaceTx = db.transaction((sourceId: string, targets: LinkTargets) => {
      this.removeFrom.run(sourceId);
      for (const id of targets.ids) this.insertId.run(sourceId, id);
      for (const key of targets.titleKeys) this.insertTitle.run(sourceId, key);
    });
  }

  /** Replaces the source page's rows (nests inside the caller's transaction when there is one). */
  replace(sourceId: string, targets: LinkTargets): void {
    this.replaceTx(sourceId, targets);
  }

  pageIdBySlugKey(slugKey: string): string | undefined {
    return (this.idBySlugKey.get({ key: slugKey }) as string | null) ?? undefined;
  }

  /** Readable pages that link to the page (by id, or by a wanted title that is now its address), by title. */
  backlinks(target: { id: string; slugKey: string }, spaceIds: string[], limit: number, offset: number): BacklinkRow[] {
    return this.backlinksPage.all({ id: target.id, key: target.slugKey, spaces: JSON.stringify(spaceIds), limit, offset }) as BacklinkRow[];
  }

  countBacklinks(target: { id: string; slugKey: string }, spaceIds: string[]): number {
    return this.backlinksCount.get({ id: target.id, key: target.slugKey, spaces: JSON.stringify(spaceIds) }) as number;
  }

  /** Ids the page links to that no page has (deleted pages). */
  missingTargetIds(sourceId: string): string[] {
    return this.missingTargets.all(sourceId) as string[];
  }

  /** The page's wanted titles, each with the page that now has that address (or nulls). */
  wantedTitlesOf(sourceId: string): WantedTitleRow[] {
    return this.wantedTitles.all(sourceId) as WantedTitleRow[];
  }
}
