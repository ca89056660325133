// Templates a new page can start from: the built-in ones (content in templateContent.ts, in the new page's
// language) and every page of the Templates space. Whether the creator may read that space is the caller's
// answer (the same spaces.access rules as everywhere, passed in as `canRead`), so a template page someone
// may not read is, for them, no template at all: refused exactly like an unknown name, and never listed.
// A page template is copied through headless Lexical (its body exported as JSON, re-created node by node in
// a fresh document), so the copy is written as an editor would write it, with no Yjs history of the original.
import * as Y from 'yjs';
import { $createParagraphNode, $getRoot, $parseSerializedNode, type SerializedLexicalNode } from 'lexical';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { writeEntryFields } from '../../shared/catalogue/entryDoc.js';
import type { EntryFields } from '../../shared/catalogue/fields.js';
import { translator, type MessageKey } from '../../shared/i18n/index.js';
import { AppError } from '../plugins/errors.js';
import { seedPageState } from '../render/docSeeder.js';
import { readDocWithLexical, writeLexicalToDoc } from '../render/headlessLexical.js';
import type { Principal } from '../auth/permissions.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { PagesRepo } from './pages.repo.js';
import { pageUrl } from './presenter.js';
import { BUILT_IN_TEMPLATES, templateContent, type BuiltInTemplateName, type ContentLanguage } from './templateContent.js';

/** The space whose pages are templates (created by migration 20261128100000). */
export const TEMPLATES_SPACE_ID = 'templates';
/** A template page's name: this prefix and the page's permanent id, so renaming the page keeps the name. */
export const PAGE_TEMPLATE_PREFIX = 'page:';
/** Template pages listed at most (most recently changed first): a choice among more is no longer a choice. */
export const MAX_LISTED_TEMPLATE_PAGES = 100;

export type TemplateKind = 'built-in' | 'page';

export interface TemplateSummary {
  name: string;
  title: string;
  description: string;
  kind: TemplateKind;
  /** Where a template page can be read (and improved). */
  url?: string;
}

export interface ResolvedTemplate {
  name: string;
  kind: TemplateKind;
  /** A template page's language: a page created from it keeps it unless told otherwise. */
  lang?: string;
  /** The first state of a page with this title made from the template (and, for entries, these fields). */
  seed(title: string, entry?: Partial<EntryFields>): Uint8Array;
}

/** Whether the creator may read a space: the caller's authorization rules, not this module's. */
export type CanReadSpace = (spaceId: string) => boolean;

/** The read check routes pass in: the one rule on spaces (spaces.access), for this principal. */
export function readCheck(spaces: Pick<SpacesService, 'access'>, principal: Principal): CanReadSpace {
  return (spaceId) => spaces.access(principal, spaceId) !== 'none';
}

export interface PageTemplatesDeps {
  repo: Pick<PagesRepo, 'findById' | 'listRecent'>;
  /** A page's current state. Without it, template pages are not offered (nothing could be copied). */
  loadState?(pageId: string): Uint8Array;
}

const builtInKeys: Record<BuiltInTemplateName, { title: MessageKey; description: MessageKey }> = {
  blank: { title: 'templates.builtIn.blank.title', description: 'templates.builtIn.blank.description' },
  'justification-plan': { title: 'templates.builtIn.justificationPlan.title', description: 'templates.builtIn.justificationPlan.description' },
  'case-study': { title: 'templates.builtIn.caseStudy.title', description: 'templates.builtIn.caseStudy.description' },
  'meeting-plan': { title: 'templates.builtIn.meetingPlan.title', description: 'templates.builtIn.meetingPlan.description' },
  'catalogue-entry': { title: 'templates.builtIn.catalogueEntry.title', description: 'templates.builtIn.catalogueEntry.description' },
};

/** Built-in templates whose pages are made as catalogue entries (the entry map is in the first state). */
const entryTemplates: Partial<Record<BuiltInTemplateName, Partial<EntryFields>>> = { 'catalogue-entry': {} };

/** French pages get the French content; English, Swedish and Dutch pages the English one. */
export function contentLanguage(lang: string | undefined): ContentLanguage {
  return lang === 'fr' ? 'fr' : 'en';
}

export function unknownTemplate(name: string): AppError {
  return new AppError(400, 'WIKI_UNKNOWN_TEMPLATE', `There is no template named "${name}".`);
}

const isBuiltIn = (name: string): name is BuiltInTemplateName => (BUILT_IN_TEMPLATES as readonly string[]).includes(name);

export class PageTemplates {
  constructor(private readonly deps: PageTemplatesDeps) {}

  /** Every template the creator may use, built-ins first, named in `lang` (fr → French, else English). */
  list(lang: string | undefined, canRead: CanReadSpace | undefined): TemplateSummary[] {
    const t = translator(contentLanguage(lang));
    const builtIns: TemplateSummary[] = BUILT_IN_TEMPLATES.map((name) => ({
      name,
      title: t(builtInKeys[name].title),
      description: t(builtInKeys[name].description),
      kind: 'built-in',
    }));
    if (!this.pagesOffered(canRead)) return builtIns;
    const collator = new Intl.Collator(contentLanguage(lang));
    const pages = this.deps.repo
      .listRecent([TEMPLATES_SPACE_ID], MAX_LISTED_TEMPLATE_PAGES)
      .sort((a, b) => collator.compare(a.title, b.title))
      .map((row): TemplateSummary => ({
        name: PAGE_TEMPLATE_PREFIX + row.id,
        title: row.title,
        description: t('templates.pageDescription'),
        kind: 'page',
        url: pageUrl(row.slug),
      }));
    return [...builtIns, ...pages];
  }

  /** The template of this name, or 400 WIKI_UNKNOWN_TEMPLATE (also for a template page the creator may not read). */
  resolve(rawName: string, lang: string | undefined, canRead: CanReadSpace | undefined): ResolvedTemplate {
    const name = rawName.trim().toLowerCase();
    if (isBuiltIn(name)) {
      const blocks = templateContent[name][contentLanguage(lang)];
      const preset = entryTemplates[name];
      return {
        name,
        kind: 'built-in',
        seed: (title, entry) => seedPageState(title, blocks, (entry ?? preset) ? { ...preset, ...entry } : undefined),
      };
    }
    if (name.startsWith(PAGE_TEMPLATE_PREFIX) && this.pagesOffered(canRead)) {
      const page = this.deps.repo.findById(name.slice(PAGE_TEMPLATE_PREFIX.length));
      const loadState = this.deps.loadState;
      if (page && page.space_id === TEMPLATES_SPACE_ID && loadState) {
        return { name, kind: 'page', lang: page.lang, seed: (title, entry) => copyPageBody(title, loadState(page.id), entry) };
      }
    }
    throw unknownTemplate(rawName);
  }

  private pagesOffered(canRead: CanReadSpace | undefined): boolean {
    return this.deps.loadState !== undefined && canRead !== undefined && canRead(TEMPLATES_SPACE_ID);
  }
}

/**
 * A new page's first state: `title`, and the body of `source` (another page's state) re-created node by
 * node, every kind of node with its formatting. Only the body is copied: not the title, not entry fields,
 * not who wrote it.
 */
export function copyPageBody(title: string, source: Uint8Array, entry?: Partial<EntryFields>): Uint8Array {
  const body = readDocWithLexical(source, (editor) => editor.getEditorState().toJSON().root.children as SerializedLexicalNode[]);
  const doc = new Y.Doc();
  try {
    doc.getText(TITLE_TEXT).insert(0, title);
    if (entry) writeEntryFields(doc, entry);
    writeLexicalToDoc(doc, () => {
      const root = $getRoot();
      for (const node of body) root.append($parseSerializedNode(node));
      // An empty template still gives the page a paragraph to start typing in, like every seeded page.
      if (body.length === 0) root.append($createParagraphNode());
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
