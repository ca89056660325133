// Creating, finding and listing pages. No HTTP here: routes translate; this validates and decides.
import { customAlphabet } from 'nanoid';
import { slugFromTitle, slugKey, slugProblem } from '../../shared/slug.js';
import { errors } from '../plugins/errors.js';
import { seedPageState, type SeedBlock } from '../render/docSeeder.js';
import type { RenderedPage } from '../render/pageRenderer.js';
import type { PageRow, PagesRepo, PageSummaryRow } from './pages.repo.js';
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
    }

    const seed = input.blocks ? seedPageState(title, input.blocks, input.entry) : template.seed(title, input.entry);
    const rendered = await this.deps.render(seed);

    const slug = explicitSlug ?? this.freeSlugFor(title);
    if (explicitSlug !== undefined && repo.isNameTaken(slugKey(slug))) throw errors.slugTaken(slug);
    let id = newPageId();
    while (repo.isNameTaken(id)) id = newPageId();
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

  findBySlug(slug: string): PageRow | undefined {
    return this.deps.repo.findBySlugKey(slugKey(slug));
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

  /** "Budget" → "Budget", then "Budget-2", "Budget-3"… */
  private freeSlugFor(title: string): string {
    const base = slugFromTitle(title);
    let candidate = base;
    for (let n = 2; this.deps.repo.isNameTaken(slugKey(candidate)); n++) candidate = `${base}-${n}`;
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
