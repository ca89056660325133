// What a page's Y.Doc may hold: the registered node types, how each is stored, the properties it syncs and
// the values they may take, which node may sit in which, and the rules for node state. Declarations and
// small questions about them only; the checks that apply them are docCheck.ts (a whole document) and
// docUpdateCheck.ts (an incoming update), which must agree on everything declared here.
//
// How @lexical/yjs 0.52 (binding v1) stores the node set of shared/editorNodes.ts (seen by dumping documents
// the headless editor wrote; docSchema.test.ts keeps the schema below equal to what the binding syncs):
// - The body is the top-level Y.XmlText `root` (BODY_ROOT); the title is the top-level Y.Text `title`.
// - An element node (paragraph, heading, list, link, table cell, ...) is a Y.XmlText embedded in its parent's
//   XmlText. Its properties are XmlText attributes named after the Lexical fields: `__type`, `__tag`, ...
// - A text-like node (text, tab, code-highlight, linebreak) is a Y.Map embedded in its parent's XmlText and
//   holding its properties; its characters follow the map as plain text in the parent XmlText.
// - A decorator node would be a Y.XmlElement. The node set has none, so none may appear.
// - A node's NodeState (lexical's createState/$setState) is a Y.Map stored under the node's `__state` attribute
//   (or map entry, for a text-like node), one plain value per state key; see "Node state" below.
// In Yjs terms every attribute or map entry is an Item whose `parentSub` is the key and whose content is a
// ContentAny holding the value; sequence content is ContentString (characters) or ContentType (a node).
//
// @lexical/yjs copies whatever it finds into Lexical nodes without checking it: a heading whose `__tag` is
// "script" makes editors create a <script> element, a tag that is not a tag name or a link `__url` that is
// not a string throws in every editor and in the server's renderer, and an unregistered `__type` stops the
// sync of everything after it. A Lexical editor never writes such values, but any client speaking raw Yjs
// can, so the server refuses them (docUpdateCheck.ts) before they reach the document.
import * as Y from 'yjs';
import { contentName, liveEntries, liveItems, type Content, type SharedType } from './yjsItems.js';

// ---------------------------------------------------------------------------------------------------------
// The schema

/** A constraint on one property value. */
export interface ValueRule {
  /** What the value must be, for error messages: "an integer from 0 to 6". */
  readonly expected: string;
  accepts(value: unknown): boolean;
}

/** What an element node may contain. */
export type Holds =
  /** Blocks: paragraphs, headings, lists, quotes, code, tables (the root, table cells). */
  | 'blocks'
  /** Text-like nodes and their characters, inline elements (links) and nested blocks (paragraph, list item). */
  | 'inline'
  /** List items only (lists). */
  | 'listitems'
  /** Table rows only (tables). */
  | 'rows'
  /** Table cells only (table rows). */
  | 'cells'
  /** Nothing (text-like nodes, which are Y.Maps). */
  | 'nothing';

export interface NodeSchema {
  /** `element`: a Y.XmlText; `text`: a Y.Map followed by its characters; `root`: the body itself. */
  readonly kind: 'element' | 'text' | 'root';
  readonly holds: Holds;
  /** Every property @lexical/yjs syncs for this type except `__type`, with the values it may take. */
  readonly props: Readonly<Record<string, ValueRule>>;
}

const rule = (expected: string, accepts: (value: unknown) => boolean): ValueRule => ({ expected, accepts });
const isString = rule('a string', (v) => typeof v === 'string');
const isBoolean = rule('true or false', (v) => typeof v === 'boolean');
const int = (min: number, max: number = Number.MAX_SAFE_INTEGER): ValueRule =>
  rule(
    max === Number.MAX_SAFE_INTEGER ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`,
    (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  );
const anyInt = rule('an integer', (v) => typeof v === 'number' && Number.isSafeInteger(v));
const size = rule('a number of at least 0', (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
const oneOf = (...values: readonly unknown[]): ValueRule =>
  rule(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (v) => values.includes(v));
const orNull = (r: ValueRule): ValueRule => rule(`${r.expected} or null`, (v) => v === null || r.accepts(v));
/** For properties whose Lexical default is undefined: Lexical never writes those until they are set. */
const optional = (r: ValueRule): ValueRule => rule(`${r.expected}, or unset`, (v) => v === undefined || r.accepts(v));

/** Lexical's text format bits (bold 1 ... capitalize 1024). */
const textFormat = int(0, 2047);
/**
 * Browsers clamp a cell's colSpan to 1–1000 and rowSpan to 0–65534, and Lexical's HTML import copies them
 * as they are, so pasted tables hold exactly these ranges; anything larger only makes the table plugin loop.
 */
const colSpan = int(1, 1000);
const rowSpan = int(0, 65534);
/**
 * Any string: a link to a scheme the wiki does not follow (tel:, ftp:, javascript:) is kept in the document
 * and made inert where it is drawn (the link node's createDOM/exportDOM and the HTML sanitizer both apply
 * shared/linkPolicy.ts). Refusing it here would lock out whoever pasted it: the stock client does not
 * reconnect after 4400, and the browser's offline copy would send the same edit again.
 */
const MAX_URL_LENGTH = 8192;
const linkUrl = rule(`a string of at most ${MAX_URL_LENGTH} characters`, (v) => typeof v === 'string' && v.length <= MAX_URL_LENGTH);

const elementProps = {
  __format: int(0, 6),
  __style: isString,
  __indent: int(0),
  __dir: oneOf('ltr', 'rtl', null),
  __textFormat: textFormat,
  __textStyle: isString,
};
const textProps = {
  __format: textFormat,
  __style: isString,
  /** 0 normal, 1 token, 2 segmented. */
  __mode: oneOf(0, 1, 2),
  /** Bits: 1 directionless, 2 unmergeable. */
  __detail: int(0, 3),
};
const linkProps = {
  ...elementProps,
  __url: linkUrl,
  __target: orNull(isString),
  __rel: orNull(isString),
  __title: orNull(isString),
};

const element = (holds: Holds, props: Record<string, ValueRule> = {}): NodeSchema => ({
  kind: 'element',
  holds,
  props: { ...elementProps, ...props },
});
const textLike = (props: Record<string, ValueRule>): NodeSchema => ({ kind: 'text', holds: 'nothing', props });

export const headingTags = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;
export const listTags = ['ul', 'ol'] as const;

/**
 * Every node type registered by shared/editorNodes.ts (plus Lexical's built-in ones), keyed by `__type`.
 * `root` is the body XmlText itself and is never a child.
 */
export const docSchema: Readonly<Record<string, NodeSchema>> = {
  root: { kind: 'root', holds: 'blocks', props: { __format: int(0, 6), __style: isString, __indent: int(0), __dir: oneOf('ltr', 'rtl', null) } },
  text: textLike(textProps),
  tab: textLike(textProps),
  'code-highlight': textLike({ ...textProps, __highlightType: optional(orNull(isString)) }),
  linebreak: textLike({}),
  paragraph: element('inline'),
  // Lexical's internal wrapper for HTML import; registered in every editor.
  artificial: element('inline'),
  heading: element('inline', { __tag: oneOf(...headingTags) }),
  quote: element('inline'),
  list: element('listitems', { __tag: oneOf(...listTags), __start: anyInt, __listType: oneOf('bullet', 'number', 'check') }),
  listitem: element('inline', { __value: anyInt, __checked: optional(isBoolean) }),
  link: element('inline', linkProps),
  autolink: element('inline', { ...linkProps, __isUnlinked: isBoolean }),
  code: element('inline', {
    __language: optional(orNull(isString)),
    __theme: optional(orNull(isString)),
    __isSyntaxHighlightSupported: isBoolean,
  }),
  table: element('rows', {
    __rowStriping: isBoolean,
    __frozenColumnCount: int(0, 1000),
    __frozenRowCount: int(0, 1000),
    __colWidths: optional(
      rule('a list of at most 1000 widths', (v) => Array.isArray(v) && v.length <= 1000 && v.every((w) => size.accepts(w))),
    ),
  }),
  tablerow: element('cells', { __height: optional(size) }),
  tablecell: element('blocks', {
    __colSpan: colSpan,
    __rowSpan: rowSpan,
    /** Bits: 1 row header, 2 column header. */
    __headerState: int(0, 3),
    __width: optional(size),
    __backgroundColor: orNull(isString),
    __verticalAlign: optional(isString),
  }),
};

const schemaByType = new Map(Object.entries(docSchema));
const rulesByType = new Map(Object.entries(docSchema).map(([type, schema]) => [type, new Map(Object.entries(schema.props))]));

function schemaOf(type: unknown): NodeSchema | undefined {
  return typeof type === 'string' ? schemaByType.get(type) : undefined;
}

/** Why `type` may not be stored as a node of `kind`, or null. */
export function nodeTypeProblem(type: unknown, kind: 'element' | 'text'): string | null {
  const schema = schemaOf(type);
  if (!schema || schema.kind === 'root') return `unknown node type ${describe(type)}`;
  if (schema.kind !== kind) {
    return `a ${type} node stored as ${kind === 'element' ? 'an element (Y.XmlText)' : 'a text node (Y.Map)'}`;
  }
  return null;
}

/** Why a node of type `child` ('#text' for characters) may not sit in a node of type `parent`, or null. */
export function childProblem(parent: string, child: string): string | null {
  const holds = schemaOf(parent)?.holds;
  const wanted = child === 'listitem' ? 'listitems' : child === 'tablerow' ? 'rows' : child === 'tablecell' ? 'cells' : null;
  let fits: boolean;
  if (wanted) fits = holds === wanted;
  else if (holds === 'listitems' || holds === 'rows' || holds === 'cells' || holds === 'nothing') fits = false;
  else if (child === '#text' || schemaOf(child)?.kind === 'text') fits = holds === 'inline';
  else fits = true;
  if (fits) return null;
  return child === '#text' ? `text directly inside a ${parent} node` : `a ${child} node inside a ${parent} node`;
}

export function propertyRule(type: unknown, key: string): ValueRule | undefined {
  return typeof type === 'string' ? rulesByType.get(type)?.get(key) : undefined;
}

/** Why `value` may not be property `key` of a `type` node, or null. `__type` is checked elsewhere. */
export function propertyProblem(type: string, key: string, value: unknown): string | null {
  const valueRule = propertyRule(type, key);
  if (!valueRule) return `${type} nodes have no property ${key}`;
  if (!valueRule.accepts(value)) return `${type}.${key} must be ${valueRule.expected} (got ${describe(value)})`;
  return null;
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** Which kind of node a shared type can be: exact classes only (Y.XmlHook is a Y.Map, Y.XmlText a Y.Text). */
export function nodeKind(type: SharedType): 'element' | 'text' | null {
  if (type.constructor === Y.XmlText) return 'element';
  if (type.constructor === Y.Map) return 'text';
  return null;
}

/**
 * Top-level shared types other than `root` and `title`: nothing reads them (Lexical binds only `root`, the
 * renderer reads `root` and `title`), so what they hold can neither crash nor inject into anything.
 * 'plain' (the default) accepts characters and plain values in them but no nested shared types;
 * 'refuse' refuses any content in them.
 */
export type OtherSharedTypes = 'plain' | 'refuse';

// ---------------------------------------------------------------------------------------------------------
// Node state
//
// Lexical keeps extra per-node values in a NodeState (createState/$setState), which @lexical/yjs 0.52 (binding
// v1) syncs as a Y.Map under the node's `__state` key: one entry per state key, holding what the state's
// `unparse` returned, or the value as it came for a key the editor does not know (syncNodeStateFromLexical).
// Any node may carry one (line breaks too, though @lexical/yjs never syncs their properties). In this editor
// the markdown shortcuts (@lexical/markdown) set it: typing "- ", "* " or "+ " makes a list whose
// `mdListMarker` state is the typed marker. @lexical/markdown's importer also sets `mdCodeFence` and
// `mdCodeMeta` on code blocks, and @lexical/rich-text has an opt-in `shadowRoot` state for quotes.
// Editors read each entry back through that state's `parse`, which takes any value, and keep unknown keys as
// they are; none of these nodes draws its state, so any plain JSON value is safe. What is not: a nested shared
// type (editors would keep a live Y type as a "value"), a `__type` entry (@lexical/yjs would take the map for
// a node and throw), and the keys Lexical ignores as unsafe.

export const STATE_KEY = '__state';
const MAX_STATE_KEY_LENGTH = 100;
/** Characters of JSON per state value. */
const MAX_STATE_VALUE_LENGTH = 16 * 1024;
const unsafeStateKeys = new Set(['__type', '__proto__', 'constructor', 'prototype']);

/** Why the content stored under a `type` node's `__state` key is not a state map, or null. Its entries are judged on their own. */
export function stateHolderProblem(type: string, content: Content): string | null {
  if (content instanceof Y.ContentType && content.type.constructor === Y.Map) return null;
  return `${type}.${STATE_KEY} must be a Y.Map of plain values (got ${contentName(content)})`;
}

/** Why `content` may not be entry `key` of a `type` node's state, or null. */
export function stateEntryProblem(type: string, key: string, content: Content): string | null {
  const where = `${type}.${STATE_KEY}`;
  if (key.length > MAX_STATE_KEY_LENGTH) return `${where} has a key longer than ${MAX_STATE_KEY_LENGTH} characters`;
  if (unsafeStateKeys.has(key)) return `${where} may not have the key ${JSON.stringify(key)}`;
  if (!(content instanceof Y.ContentAny)) return `${where}.${key} is not a plain value (${contentName(content)})`;
  for (const value of content.arr) {
    const length = jsonLength(value, MAX_STATE_VALUE_LENGTH);
    if (length === null) return `${where}.${key} must be a plain JSON value (got ${describe(value)})`;
    if (length > MAX_STATE_VALUE_LENGTH) return `${where}.${key} is longer than ${MAX_STATE_VALUE_LENGTH} characters of JSON`;
  }
  return null;
}

/** Why a state map already in a document breaks the rules above, or null. */
export function stateMapProblem(type: string, content: Content): string | null {
  const problem = stateHolderProblem(type, content);
  if (problem) return problem;
  const state = (content as Y.ContentType).type;
  if (liveItems(state).next().done === false) return `${type}.${STATE_KEY} holds sequence content`;
  for (const [key, entry] of liveEntries(state)) {
    const entryProblem = stateEntryProblem(type, key, entry.content);
    if (entryProblem) return entryProblem;
  }
  return null;
}

/**
 * The length of JSON.stringify(value) when `value` is plain JSON (strings, finite numbers, booleans, null, and
 * arrays and plain objects of those), or null when it is not. Iterative (values may nest deeply), and it stops
 * counting once past `limit`, returning a number above it.
 */
function jsonLength(value: unknown, limit: number): number | null {
  let length = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    if (length > limit) return length;
    const next = pending.pop();
    if (next === null || typeof next === 'boolean') length += String(next).length;
    else if (typeof next === 'string') length += JSON.stringify(next).length;
    else if (typeof next === 'number') {
      if (!Number.isFinite(next)) return null;
      length += JSON.stringify(next).length;
    } else if (Array.isArray(next)) {
      if (Object.getPrototypeOf(next) !== Array.prototype) return null;
      length += 2 + Math.max(0, next.length - 1);
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object') {
      const proto = Object.getPrototypeOf(next);
      if (proto !== Object.prototype && proto !== null) return null;
      const keys = Object.keys(next);
      length += 2 + Math.max(0, keys.length - 1);
      for (const key of keys) {
        length += JSON.stringify(key).length + 1;
        pending.push((next as Record<string, unknown>)[key]);
      }
    } else {
      return null;
    }
  }
  return length;
}
