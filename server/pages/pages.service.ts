// Creating, finding and listing pages. No HTTP here: routes translate; this validates and decides.
import { customAlphabet } from 'nanoid';
import { slugFromTitle, slugKey, slugProblem } from '../../shared/slug.js';
import { errors } from '../plugins/errors.js';
import { seedPageState, type SeedBlock } from '../render/docSeeder.js';
import type { RenderedPage } from '../render/pageRenderer.js';
import type { PageRow, PagesRepo, PageSummaryRow, RedirectRow } from './pages.repo.js';
import { PageTemplates, type CanReadSpace } from './templates.js';
import type { EntryFields } from '../../shared/catalogue/fields.js';

/** Page ids: 12 characters, lower-case letters and digits without look-alikes; permanent, never reused. */
const newPageId = customAlphabet('23456789abcdefghjkmnpqrstuvwxyz', 12);

export interface CreatePageInput {
  title: string;
  slug?: string;
  template?: string;
  space?: string;
  lang?: string;
  /** Initial content instead of a template's (server-side seeding only; not exposed by the API). */
  blocks?: SeedBlock[];
  /** Catalogue entry fields, validated by the caller (server-side seeding only; makes the page an entry). */
  entry?: Partial<EntryFields>;
  /** Take `slug` even when it is another page's old address; its old links then lead to the new page. */
  reuseRedirect?: boolean;
}

/** A page found by an address, and the old address it was reached by, when it was one. */
export interface ResolvedPage {
  page: PageRow;
  redirectedFrom?: string;
}

/** Who creates the page, and the space it goes in, both already authorized by the caller. */
export interface CreateContext {
  spaceId: string;
  userId: string | null;
  /** Whether the creator may read a space (the caller's access rules): decides which template pages they may use. */
  canRead?: CanReadSpace;
}

export interface PagesServiceDeps {
  repo: PagesRepo;
  render(state: Uint8Array): Promise<RenderedPage> | RenderedPage;
  maxTitleLength: number;
  now?: () => number;
  /** A page's current state, to copy a template page from (template pages are not offered without it). */
  loadState?(pageId: string): Uint8Array;
  /** A page was created with this first state (its first revision is recorded from it). */
  onCreated?(pageId: string, seed: Uint8Array, rendered: RenderedPage, userId: string | null): void;
}

export class PagesService {
  /** Built-in templates and the pages of the Templates space. */
  readonly templates: PageTemplates;

  constructor(private readonly deps: PagesServiceDeps) {
    this.templates = new PageTemplates({ repo: deps.repo, loadState: deps.loadState });
  }

  /**
   * Validates, seeds and renders the first state (off the main thread), then picks the slug and id and
   * inserts, with no await between choosing a name and storing it, so concurrent creations cannot collide.
   */
  async create(input: CreatePageInput, context: CreateContext): Promise<PageRow> {
    const { repo } = this.deps;
    const title = normalizeTitle(input.title, this.deps.maxTitleLength);
    const template = this.templates.resolve(input.template ?? 'blank', input.lang, context.canRead);
    const explicitSlug = input.slug?.trim();
    if (explicitSlug !== undefined) {
      const problem = slugProblem(explicitSlug);
      if (problem) throw errors.invalidSlug(problem);
      if (repo.isNameTaken(slugKey(explicitSlug))) throw errors.slugTaken(explicitSlug);
      this.assertNotOldAddress(explicitSlug, null, input.reuseRedirect === true, context.canRead);
    }

    const seed = input.blocks ? seedPageState(title, input.blocks, input.entry) : template.seed(title, input.entry);
    const rendered = await this.deps.render(seed);

    const slug = explicitSlug ?? this.freeSlugFor(title);
    if (explicitSlug !== undefined && repo.isNameTaken(slugKey(slug))) throw errors.slugTaken(slug);
    if (explicitSlug !== undefined) this.assertNotOldAddress(slug, null, input.reuseRedirect === true, context.canRead);
    let id = newPageId();
    while (repo.isNameTaken(id) || repo.findRedirect(id)) id = newPageId();
    repo.create({
      id,
      slug,
      slugKey: slugKey(slug),
      title,
      lang: input.lang ?? template.lang ?? 'en',
      html: rendered.html,
      text: rendered.text,
      seed,
      now: (this.deps.now ?? Date.now)(),
      spaceId: context.spaceId,
      createdBy: context.userId,
      entry: rendered.entry,
    });
    if (context.userId) repo.recordContributors(id, [context.userId], (this.deps.now ?? Date.now)());
    this.deps.onCreated?.(id, seed, { ...rendered, title }, context.userId);
    return repo.findById(id)!;
  }

  /** Finds by permanent id first, then by slug (case-insensitive). */
  get(idOrSlug: string): PageRow {
    const page = this.find(idOrSlug);
    if (!page) throw errors.pageNotFound();
    return page;
  }

  find(idOrSlug: string): PageRow | undefined {
    return this.findById(idOrSlug) ?? this.findBySlug(idOrSlug);
  }

  findById(id: string): PageRow | undefined {
    return this.deps.repo.findById(id);
  }

  /**
   * The one place addresses are resolved: a page's current slug (any case), else an old slug it was renamed
   * from. Web routes answer a page reached by any other spelling than its own slug with a 301 to that slug,
   * after checking it may be read, so an old address never reveals the new one to someone who may not read it.
   */
  findBySlug(slug: string): PageRow | undefined {
    return this.resolveSlug(slug)?.page;
  }

  resolveSlug(slug: string): ResolvedPage | undefined {
    const key = slugKey(slug);
    const page = this.deps.repo.findBySlugKey(key);
    if (page) return { page };
    const redirect = this.deps.repo.findRedirect(key);
    const target = redirect && this.deps.repo.findById(redirect.page_id);
    return target ? { page: target, redirectedFrom: redirect.slug } : undefined;
  }

  /** A page's old addresses, newest first. */
  redirectsOf(pageId: string): RedirectRow[] {
    return this.deps.repo.redirectsOf(pageId);
  }

  /**
   * Refuses an address that is an old address of another page, unless the caller reuses it explicitly. The
   * other page's title is named only to someone who may read it. A page's own old address is always free to it.
   */
  assertNotOldAddress(slug: string, forPageId: string | null, reuse: boolean, canRead: CanReadSpace | undefined): void {
    const redirect = this.deps.repo.findRedirect(slugKey(slug));
    if (!redirect || redirect.page_id === forPageId || reuse) return;
    const owner = this.deps.repo.findById(redirect.page_id);
    const named = owner && canRead?.(owner.space_id) ? `of “${owner.title}”` : 'of another page';
    throw errors.conflict(
      'WIKI_SLUG_REDIRECTS',
      `The address "${slug}" is an old address ${named}: links to it still lead there. Choose another address, or use it anyway (reuseRedirect), and the old links will lead to the new page.`,
    );
  }

  /** Recently changed pages in the given (readable) spaces. */
  listRecent(spaceIds: Iterable<string>, limit: number, after?: { updatedAt: number; id: string }): { rows: PageSummaryRow[]; more: boolean; total: number } {
    const spaces = [...spaceIds];
    const rows = this.deps.repo.listRecent(spaces, limit + 1, after);
    return { rows: rows.slice(0, limit), more: rows.length > limit, total: this.deps.repo.count(spaces) };
  }

  contributedBy(userId: string, spaceIds: Iterable<string>, limit: number, after?: { lastAt: number; id: string }) {
    const rows = this.deps.repo.contributedBy(userId, [...spaceIds], limit + 1, after);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Deletes the page with its whole update log. The caller closes its live sockets first. */
  delete(id: string): void {
    if (!this.deps.repo.delete(id)) throw errors.pageNotFound();
  }

  /** "Budget" → "Budget", then "Budget-2", "Budget-3"…; old addresses are skipped, so their links keep working. */
  private freeSlugFor(title: string): string {
    const base = slugFromTitle(title);
    const taken = (slug: string) => this.deps.repo.isNameTaken(slugKey(slug)) || this.deps.repo.findRedirect(slugKey(slug)) !== undefined;
    let candidate = base;
    for (let n = 2; taken(candidate); n++) candidate = `${base}-${n}`;
    return candidate;
  }
}

/** Collapses white space, drops control characters, and enforces a non-empty title of bounded length. */
export function normalizeTitle(raw: string, maxLength: number): string {
  // eslint-disable-next-line no-control-regex
  const title = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (title.length === 0) throw errors.invalidTitle('A page needs a title.');
  if (title.length > maxLength) throw errors.invalidTitle(`A title may be at most ${maxLength} characters long.`);
  return title;
}
