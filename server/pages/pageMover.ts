// Renaming a page (title and address) is one command for the API and the web form. The address left behind
// becomes a redirect to the page id, in the same transaction as the new address and the audit entry, so old
// links never break and a chain of renames still resolves in one hop. The title lives in the live document
// (the Y.Text `title`), so it is changed there too, as an edit credited to the mover that open editors see at once.
import * as Y from 'yjs';
import type { Actor, AuditService } from '../audit/audit.service.js';
import type { CollabHub } from '../collab/collabHub.js';
import { errors } from '../plugins/errors.js';
import { slugKey, slugProblem } from '../../shared/slug.js';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import type { PageRow, PagesRepo, RedirectRow } from './pages.repo.js';
import { normalizeTitle, type PagesService } from './pages.service.js';
import type { CanReadSpace } from './templates.js';

export interface MoveInput {
  /** The new title; the title stays when absent. */
  title?: string;
  /** The new address; the address stays when absent (forms pre-fill the one the title gives). */
  slug?: string;
  /** Take `slug` even when it is another page's old address; its old links then lead to this page. */
  reuseRedirect?: boolean;
}

export interface MoveResult {
  page: PageRow;
  /** The page's old addresses after the move, newest first. */
  redirects: RedirectRow[];
  /** False when the title and address were already those asked for. */
  changed: boolean;
}

export interface PageMoverDeps {
  pages: PagesService;
  repo: PagesRepo;
  hub: CollabHub;
  audit: AuditService;
  maxTitleLength: number;
  /** The page's committed document, from the live room when open. */
  loadState(pageId: string): Uint8Array;
  /** Brings the stored rendering (html, text, title, search) up to date with the document now. */
  renderPage(pageId: string): Promise<unknown>;
  now?: () => number;
}

export class PageMover {
  constructor(private readonly deps: PageMoverDeps) {}

  /**
   * Moves a page the caller has already authorized for writing. Everything is checked, then stored, with
   * no await in between, so two moves (or a move and a creation) cannot take the same address.
   */
  async move(page: PageRow, input: MoveInput, actor: Actor, canRead?: CanReadSpace): Promise<MoveResult> {
    const { repo, pages } = this.deps;
    const userId = actor.id;
    if (userId === null) throw errors.signInRequired();
    const title = input.title === undefined ? page.title : normalizeTitle(input.title, this.deps.maxTitleLength);
    const slug = input.slug === undefined ? page.slug : input.slug.trim();
    const problem = slugProblem(slug);
    if (problem) throw errors.invalidSlug(problem);
    const key = slugKey(slug);
    const newAddress = key !== page.slug_key;
    if (newAddress) {
      if (repo.isNameTaken(key)) throw errors.slugTaken(slug);
      pages.assertNotOldAddress(slug, page.id, input.reuseRedirect === true, canRead);
    }
    if (title === page.title && slug === page.slug) return { page, redirects: pages.redirectsOf(page.id), changed: false };

    // A change of case only is the same address: its old spelling already resolves (and is redirected) by key.
    const oldSlug = newAddress ? { slug: page.slug, slugKey: page.slug_key } : null;
    repo.move({ id: page.id, slug, slugKey: key, title, oldSlug, now: (this.deps.now ?? Date.now)() }, () =>
      this.deps.audit.record(actor, 'page.moved', { type: 'page', id: page.id }, { from: { slug: page.slug, title: page.title }, to: { slug, title } }),
    );
    if (this.retitleDocument(page.id, title, userId)) await this.deps.renderPage(page.id);
    return { page: repo.findById(page.id) ?? { ...page, slug, slug_key: key, title }, redirects: pages.redirectsOf(page.id), changed: true };
  }

  /**
   * Puts the title into the live document as a user's edit would: a minimal change (common start and end
   * kept, so co-editors' carets stay put) under a fresh client id, applied to the room and credited to the mover.
   */
  private retitleDocument(pageId: string, title: string, userId: string): boolean {
    const update = titleEdit(this.deps.loadState(pageId), title);
    if (!update) return false;
    return this.deps.hub.applyServerEdit(pageId, update, userId);
  }
}

/** The Yjs update that turns the document's title into `title`, or null when it already is. */
export function titleEdit(state: Uint8Array, title: string): Uint8Array | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const text = doc.getText(TITLE_TEXT);
    const current = text.toString();
    if (current === title) return null;
    let start = 0;
    while (start < current.length && start < title.length && current[start] === title[start]) start++;
    let end = 0;
    while (end < current.length - start && end < title.length - start && current[current.length - 1 - end] === title[title.length - 1 - end]) end++;
    // Positions are UTF-16 units: never cut between the two halves of a character outside the basic plane.
    if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
    if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      text.delete(start, current.length - start - end);
      text.insert(start, title.slice(start, title.length - end));
    });
    return Y.encodeStateAsUpdate(doc, before);
  } finally {
    doc.destroy();
  }
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
