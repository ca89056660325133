// Renders a page's Yjs state to sanitized HTML, plain text and title with headless Lexical.
// Rendering is pure: the same state always gives the same output, so it can be redone at any time.
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $generateHtmlFromNodes } from '@lexical/html';
import { withDOM } from '@lexical/headless/dom';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { readDocWithLexical } from './headlessLexical.js';
import { sanitizePageHtml } from './htmlSanitizer.js';
import { defaults } from '../plugins/config.js';
import { readEntry } from '../../shared/catalogue/entryDoc.js';
import type { EntryFields, EntryProblem } from '../../shared/catalogue/fields.js';

/** The live title is free text in the Y.Doc; what is stored as the page title is bounded like the API's. */
const MAX_TITLE_LENGTH = defaults.pages.maxTitleLength;

export interface RenderedPage {
  html: string;
  text: string;
  /** The live title, trimmed; empty when someone cleared it. */
  title: string;
  /** Text of each heading, in document order: search weighs it above body text. */
  headings: string[];
  /** A catalogue entry's validated fields and the problems of values that failed; null for other pages. */
  entry: { fields: EntryFields; problems: EntryProblem[] } | null;
}

export function renderPageState(state: Uint8Array): RenderedPage {
  return readDocWithLexical(state, (editor, doc) => {
    const rawHtml = withDOM(() => $generateHtmlFromNodes(editor, null));
    const text = $getRoot().getTextContent();
    const title = doc.getText(TITLE_TEXT).toString().replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH).trim();
    return { html: sanitizePageHtml(rawHtml), text, title, headings: $headingTexts($getRoot().getChildren()), entry: readEntry(doc) };
  });
}

function $headingTexts(nodes: LexicalNode[], into: string[] = []): string[] {
  for (const node of nodes) {
    if ($isHeadingNode(node)) {
      const text = node.getTextContent().replace(/\s+/g, ' ').trim();
      if (text) into.push(text);
    } else if ($isElementNode(node)) {
      // Headings may sit inside other blocks (table cells, collapsibles), so look in them too.
      $headingTexts(node.getChildren(), into);
    }
  }
  return into;
}
