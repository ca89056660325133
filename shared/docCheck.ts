// The whole-document check: walks a page's Y.Doc once and reports the first thing docSchema.ts refuses, reading
// and never changing it. It states what docUpdateCheck.ts keeps true; the tests hold the two to each other.
import * as Y from 'yjs';
import { BODY_ROOT, TITLE_TEXT } from './collabProtocol.js';
import { childProblem, describe, docSchema, nodeKind, nodeTypeProblem, propertyProblem, STATE_KEY, stateMapProblem, type OtherSharedTypes } from './docSchema.js';
import { contentName, currentValue, hasLiveContent, liveEntries, liveItems, sharedTypeName, type SharedType } from './yjsItems.js';

/**
 * Checks a whole document against the schema and returns a description of the first thing that breaks it,
 * or null. It walks the `root` XmlText recursively: every node must be a registered type stored the way
 * @lexical/yjs stores it (elements as Y.XmlText, text-like nodes as Y.Map, no Y.XmlElement or other
 * shared types, no formatting marks or JSON embeds), with only the properties that type syncs and values
 * of the right type (and, under `__state`, a Y.Map of plain JSON values: see "Node state" in docSchema.ts),
 * and must sit in a parent that can hold it (list items in lists, rows in tables, cells in rows, characters
 * and text nodes in inline containers). The title, if present, must be a Y.Text of plain characters. Other
 * top-level types are judged as OtherSharedTypes says.
 * Cost: one pass over the document's items, without copying any text.
 *
 * It does not check where characters sit relative to their text node's map: edits that race with a
 * deletion can legitimately leave such "dangling" text, which @lexical/yjs repairs.
 */
export function findDocProblem(doc: Y.Doc, otherSharedTypes: OtherSharedTypes = 'plain'): string | null {
  try {
    for (const [name, type] of doc.share) {
      if (name === BODY_ROOT || name === TITLE_TEXT || !hasLiveContent(type)) continue;
      if (otherSharedTypes === 'refuse') return `unexpected shared type "${name}"`;
      for (const item of [...liveItems(type), ...[...liveEntries(type)].map(([, entry]) => entry)]) {
        if (item.content instanceof Y.ContentType) return `${contentName(item.content)} in the shared type "${name}"`;
      }
    }
    const title = doc.share.get(TITLE_TEXT);
    if (title) {
      if (title.constructor !== Y.Text && title.constructor !== Y.AbstractType) return 'the title is not a Y.Text';
      if (liveEntries(title).next().done === false) return 'the title has attributes';
      for (const item of liveItems(title)) {
        if (!(item.content instanceof Y.ContentString)) return 'the title holds something other than text';
      }
    }
    const root = doc.share.get(BODY_ROOT);
    if (!root) return null;
    if (root.constructor !== Y.XmlText && root.constructor !== Y.AbstractType) return 'the body is not a Y.XmlText';

    const stack: { type: SharedType; nodeType: string }[] = [{ type: root, nodeType: 'root' }];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const { type, nodeType } = next;
      const schema = docSchema[nodeType];
      for (const [key, item] of liveEntries(type)) {
        if (key === STATE_KEY) {
          const problem = stateMapProblem(nodeType, item.content);
          if (problem) return problem;
          continue;
        }
        if (!(item.content instanceof Y.ContentAny)) return `${nodeType}.${key} is not a plain value`;
        for (const value of item.content.arr) {
          // A child's own `__type` is judged where its parent finds it; the body has none but may say 'root'.
          if (key === '__type') {
            if (nodeType === 'root' && value !== 'root') return `the body's __type is ${describe(value)}`;
            continue;
          }
          const problem = propertyProblem(nodeType, key, value);
          if (problem) return problem;
        }
      }
      for (const item of liveItems(type)) {
        const content = item.content;
        if (schema.kind === 'text') return `${nodeType} nodes hold no content`;
        if (content instanceof Y.ContentString) {
          const problem = childProblem(nodeType, '#text');
          if (problem) return problem;
        } else if (content instanceof Y.ContentType) {
          const kind = nodeKind(content.type);
          if (!kind) return `a ${sharedTypeName(content.type)} inside a ${nodeType} node`;
          const childType = currentValue(content.type, '__type');
          const problem = nodeTypeProblem(childType, kind) ?? childProblem(nodeType, childType as string);
          if (problem) return problem;
          stack.push({ type: content.type, nodeType: childType as string });
        } else {
          return `${contentName(content)} inside a ${nodeType} node`;
        }
      }
    }
    return null;
  } catch (error) {
    return `the document could not be checked (${error instanceof Error ? error.message : String(error)})`;
  }
}
