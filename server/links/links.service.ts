// Links between pages (C7): keeps page_links in step with page renderings (inside their transactions), lists
// what links to a page (only sources the reader may read, counts included), and marks a rendering's links for
// the reader when it is served: red for pages that do not exist, wanted links that now have a page lead to it.
import type { FastifyBaseLogger } from 'fastify';
import type { PageIndexer, PageRow, StoredRendering } from '../pages/pages.repo.js';
import { markLinks } from './linkMarker.js';
import { hrefsIn, linkTargetOf } from './linkTargets.js';
import type { BacklinkRow, LinksRepo } from './links.repo.js';

export interface LinksServiceDeps {
  repo: LinksRepo;
  log: FastifyBaseLogger;
}

export class LinksService implements PageIndexer {
  constructor(private readonly deps: LinksServiceDeps) {}

  /** Called by pages.repo inside the transaction that stores a rendering (or creates the page). */
  indexPage(pageId: string, rendering: StoredRendering): void {
    const { repo, log } = this.deps;
    try {
      const ids = new Set<string>();
      const titleKeys = new Set<string>();
      for (const href of hrefsIn(rendering.html)) {
        const target = linkTargetOf(href);
        if (!target) continue;
        if (target.kind === 'id') ids.add(target.id);
        else if (target.kind === 'wanted') titleKeys.add(target.titleKey);
        else {
          // An address names a page by its current slug; one nobody has is a wanted page under that address.
          const id = repo.pageIdBySlugKey(target.slugKey);
          if (id) ids.add(id);
          else titleKeys.add(target.slugKey);
        }
      }
      repo.replace(pageId, { ids, titleKeys });
    } catch (error) {
      // Links must never cost a page its rendering: they catch up on the page's next render.
      log.error({ err: error, pageId }, 'storing the links of a page failed');
    }
  }

  /** Pages in the given (readable) spaces that link to this one, by title, and how many there are in all. */
  backlinks(page: PageRow, readable: Iterable<string>, limit: number, offset: number): { rows: BacklinkRow[]; total: number } {
    const spaces = [...readable];
    const target = { id: page.id, slugKey: page.slug_key };
    return { rows: this.deps.repo.backlinks(target, spaces, limit, offset), total: this.deps.repo.countBacklinks(target, spaces) };
  }

  /**
   * The page's stored HTML as this reader should see it (see linkMarker.ts). Parsed only when the page links
   * to a page that is gone or to a wanted title, which its link rows say without reading the HTML.
   */
  markedHtml(page: PageRow, readable: ReadonlySet<string>, missingNote: string): string {
    const { repo, log } = this.deps;
    const missingIds = repo.missingTargetIds(page.id);
    const wanted = repo.wantedTitlesOf(page.id);
    if (missingIds.length === 0 && wanted.length === 0) return page.html;
    const createdTitles = new Map<string, string>();
    // A page the reader may not read stays "missing" for them: its existence is not theirs to learn.
    for (const row of wanted) if (row.page_id && row.space_id && readable.has(row.space_id)) createdTitles.set(row.title_key, row.page_id);
    try {
      return markLinks(page.html, { missingIds: new Set(missingIds), createdTitles, missingNote });
    } catch (error) {
      log.error({ err: error, pageId: page.id }, 'marking the links of a page failed');
      return page.html;
    }
  }
}
