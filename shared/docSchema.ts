// What a page's Y.Doc may hold, and the checks that keep anything else out of it.
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
// can, so the server refuses them (findUpdateProblem) before they reach the document.
import * as Y from 'yjs';
import { BODY_ROOT, TITLE_TEXT } from './collabProtocol.js';

type SharedType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Content = Y.Item['content'];
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

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
function nodeTypeProblem(type: unknown, kind: 'element' | 'text'): string | null {
  const schema = schemaOf(type);
  if (!schema || schema.kind === 'root') return `unknown node type ${describe(type)}`;
  if (schema.kind !== kind) {
    return `a ${type} node stored as ${kind === 'element' ? 'an element (Y.XmlText)' : 'a text node (Y.Map)'}`;
  }
  return null;
}

/** Why a node of type `child` ('#text' for characters) may not sit in a node of type `parent`, or null. */
function childProblem(parent: string, child: string): string | null {
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

function propertyRule(type: unknown, key: string): ValueRule | undefined {
  return typeof type === 'string' ? rulesByType.get(type)?.get(key) : undefined;
}

/** Why `value` may not be property `key` of a `type` node, or null. `__type` is checked elsewhere. */
function propertyProblem(type: string, key: string, value: unknown): string | null {
  const valueRule = propertyRule(type, key);
  if (!valueRule) return `${type} nodes have no property ${key}`;
  if (!valueRule.accepts(value)) return `${type}.${key} must be ${valueRule.expected} (got ${describe(value)})`;
  return null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

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
function stateHolderProblem(type: string, content: Content): string | null {
  if (content instanceof Y.ContentType && content.type.constructor === Y.Map) return null;
  return `${type}.${STATE_KEY} must be a Y.Map of plain values (got ${contentName(content)})`;
}

/** Why `content` may not be entry `key` of a `type` node's state, or null. */
function stateEntryProblem(type: string, key: string, content: Content): string | null {
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
function stateMapProblem(type: string, content: Content): string | null {
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

// ---------------------------------------------------------------------------------------------------------
// Whole documents

/**
 * Checks a whole document against the schema and returns a description of the first thing that breaks it,
 * or null. It walks the `root` XmlText recursively: every node must be a registered type stored the way
 * @lexical/yjs stores it (elements as Y.XmlText, text-like nodes as Y.Map, no Y.XmlElement or other
 * shared types, no formatting marks or JSON embeds), with only the properties that type syncs and values
 * of the right type (and, under `__state`, a Y.Map of plain JSON values: see "Node state"), and must sit in
 * a parent that can hold it (list items in lists, rows in tables, cells in rows, characters and text nodes
 * in inline containers). The title, if present, must be a Y.Text
 * of plain characters. Other top-level types are judged as OtherSharedTypes says.
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

function* liveItems(type: SharedType): Generator<Y.Item> {
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) yield item;
  }
}

function* liveEntries(type: SharedType): Generator<[string, Y.Item]> {
  for (const [key, item] of type._map) {
    if (!item.deleted) yield [key, item];
  }
}

function hasLiveContent(type: SharedType): boolean {
  return liveItems(type).next().done === false || liveEntries(type).next().done === false;
}

/** The current value of an attribute or map entry, read without the typed API (the type may be untyped). */
function currentValue(type: SharedType, key: string): unknown {
  const item = type._map.get(key);
  if (!item || item.deleted) return undefined;
  const values = item.content.getContent();
  return values[values.length - 1];
}

/** Which kind of node a shared type can be: exact classes only (Y.XmlHook is a Y.Map, Y.XmlText a Y.Text). */
function nodeKind(type: SharedType): 'element' | 'text' | null {
  if (type.constructor === Y.XmlText) return 'element';
  if (type.constructor === Y.Map) return 'text';
  return null;
}

function sharedTypeName(type: SharedType): string {
  if (type instanceof Y.XmlElement) return 'Y.XmlElement (decorator node)';
  if (type instanceof Y.XmlHook) return 'Y.XmlHook';
  if (type instanceof Y.XmlText) return 'Y.XmlText';
  if (type instanceof Y.Text) return 'Y.Text';
  if (type instanceof Y.Array) return 'Y.Array';
  if (type instanceof Y.XmlFragment) return 'Y.XmlFragment';
  if (type instanceof Y.Map) return 'Y.Map';
  return 'shared type';
}

function contentName(content: Content): string {
  if (content instanceof Y.ContentType) return `a nested ${sharedTypeName(content.type)}`;
  if (content instanceof Y.ContentFormat) return 'a formatting mark';
  if (content instanceof Y.ContentEmbed) return 'an embedded object';
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return 'a list of values';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentDoc) return 'a sub-document';
  return 'unknown content';
}

// ---------------------------------------------------------------------------------------------------------
// Incoming updates

/** An update decoded with Y.decodeUpdate. */
export interface DecodedUpdate {
  structs: (Y.Item | Y.GC | Y.Skip)[];
  ds: DeleteSet;
}

/**
 * Top-level shared types other than `root` and `title`: nothing reads them (Lexical binds only `root`, the
 * renderer reads `root` and `title`), so what they hold can neither crash nor inject into anything.
 * 'plain' (the default) accepts characters and plain values in them but no nested shared types;
 * 'refuse' refuses any content in them.
 */
export type OtherSharedTypes = 'plain' | 'refuse';

export interface UpdateCheckOptions {
  /** See OtherSharedTypes. Default 'plain'. */
  otherSharedTypes?: OtherSharedTypes;
  /** The update already decoded with Y.decodeUpdate, to skip decoding it twice. */
  decoded?: DecodedUpdate;
  /**
   * Updates accepted but not yet applied to `doc` (a room applies a turn's updates together), in the order
   * they will be applied. Consulted only when the update refers to content that is not in `doc`.
   */
  queued?: () => Iterable<Uint8Array>;
}

/**
 * Checks an update before it is applied to `doc` and returns a description of the first thing it would write
 * that the schema refuses, or null. Cost: O(size of the update · log(size of the document)) — each struct is
 * checked on its own, looking up at most its neighbours and parent in the update or in the document's struct
 * store; the document is never walked, copied or changed.
 *
 * Guarantee: if `doc` satisfies findDocProblem (the properties part of it), then after applying an update
 * this accepts — and any queued updates it was checked with, in order — every node the update adds or
 * changes still does:
 * - each node the update creates is a Y.XmlText or Y.Map embedded in the body or in an element, is given
 *   exactly one registered `__type` of the matching kind in the same update, and fits in its parent
 *   (list items only in lists, rows only in tables, cells only in rows, text-like nodes only in inline
 *   containers, nothing in the root but elements);
 * - every attribute or map entry it writes is a property that node type syncs, with a value of the right
 *   type (heading `__tag` h1–h6, list `__tag` ul/ol, link `__url` any string up to 8192 characters,
 *   integers in range, ...), never a shared type, sub-document or binary value; `__type` is never changed
 *   or removed on an existing node;
 * - the one exception is `__state` (any node's NodeState): a Y.Map, whose entries — written with it or
 *   later into the existing map — are plain JSON values within the bounds of "Node state", and never
 *   shared types; state entries may be removed freely;
 * - it removes a property only when the same update writes it again, when that property may be unset
 *   (e.g. a list item's `__checked`), or when the node itself is removed;
 * - characters go only into the title or into inline containers, right after characters or a text-like
 *   node (never first in an element, after an element or after a line break, where they would belong to no
 *   text node); the title receives characters only;
 * - in the body there are no formatting marks, JSON embeds, Y.XmlElements (decorators), Y.Arrays or other
 *   shared types; top-level types other than `root` and `title`, which nothing reads, receive only
 *   characters and plain values (or nothing, with otherSharedTypes: 'refuse').
 * Content that Yjs would discard is not judged: structs the document already has, and structs whose
 * neighbour or parent has been garbage-collected or deleted.
 *
 * Refused as well: an update that refers to content neither the document nor the queued updates hold
 * (Yjs would keep it pending until that content arrived, so what it writes cannot be known yet), an update
 * that lists the same client twice, and a delete set reaching past the content the server has. Removing
 * content (other than properties, as above) is never refused: any writer may delete any part of a page.
 */
export function findUpdateProblem(doc: Y.Doc, update: Uint8Array, options: UpdateCheckOptions = {}): string | null {
  try {
    const decoded = options.decoded ?? Y.decodeUpdate(update);
    return new UpdateCheck(doc, new IndexedUpdate(decoded), options.queued, options.otherSharedTypes ?? 'plain').run();
  } catch (error) {
    return `the update could not be checked (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** A parent as an update names it: a top-level type by name, or the item that holds a nested type. */
type Parent = string | Y.ID;
interface Placement {
  parent: Parent;
  /** Attribute or map key; null for sequence content (characters and embedded nodes). */
  key: string | null;
}
/** Yjs will drop (garbage-collect) or immediately delete this struct: there is nothing to judge. */
const DROPPED = 'dropped' as const;
const RESOLVING = 'resolving' as const;
type Problem = { problem: string };
type Resolved<T> = T | typeof DROPPED | Problem;

interface ParentInfo {
  /** `other`: a top-level type other than the body and title, which nothing reads; `state`: a node's `__state` map. */
  kind: 'title' | 'element' | 'text' | 'other' | 'state';
  /** The parent's node type ('root' for the body, 'title' for the title; for `state`, the type of its node). */
  type: string;
  /** Created by the update being checked. */
  created: boolean;
}
const BODY_INFO: ParentInfo = { kind: 'element', type: 'root', created: false };
const TITLE_INFO: ParentInfo = { kind: 'title', type: 'title', created: false };

/** Where a struct lives: in the document (src null) or in an update that is not applied yet. */
interface Found {
  src: IndexedUpdate | null;
  struct: Y.Item | Y.GC | Y.Skip;
}

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'problem' in value;

function isId(value: unknown): value is Y.ID {
  return value instanceof Y.ID;
}

/** A map keyed by (client, clock), without building a string per lookup: this runs for every struct. */
class IdMap<T> {
  private readonly clients = new Map<number, Map<number, T>>();
  get size(): number {
    return this.clients.size;
  }
  get(id: Y.ID): T | undefined {
    return this.clients.get(id.client)?.get(id.clock);
  }
  set(id: Y.ID, value: T): void {
    let clocks = this.clients.get(id.client);
    if (!clocks) this.clients.set(id.client, (clocks = new Map()));
    clocks.set(id.clock, value);
  }
  *values(): Generator<T> {
    for (const clocks of this.clients.values()) yield* clocks.values();
  }
}

/** One decoded update, indexed for lookups by id. */
class IndexedUpdate {
  readonly byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  /** `__type` values written with an explicit parent, by the id of the parent's item. */
  readonly nodeTypes = new IdMap<unknown[]>();
  readonly placements = new Map<Y.Item, Resolved<Placement> | typeof RESOLVING>();
  /** Set when the same client appears in two blocks: Yjs would keep only the last one. */
  splitClient: number | null = null;

  constructor(readonly decoded: DecodedUpdate) {
    let previousClient: number | null = null;
    let list: (Y.Item | Y.GC | Y.Skip)[] | undefined;
    for (const struct of decoded.structs) {
      const client = struct.id.client;
      if (client !== previousClient) {
        if (this.byClient.has(client)) this.splitClient = client;
        list = [];
        this.byClient.set(client, list);
        previousClient = client;
      }
      list!.push(struct);
      if (struct instanceof Y.Item && struct.parentSub === '__type' && isId(struct.parent)) {
        const content = struct.content;
        const values = content instanceof Y.ContentAny ? content.arr : content instanceof Y.ContentDeleted ? [] : [NOT_A_VALUE];
        const known = this.nodeTypes.get(struct.parent);
        this.nodeTypes.set(struct.parent, known ? [...known, ...values] : values);
      }
    }
  }

  /** The struct covering `clock` of `client`, if this update has it. */
  find(client: number, clock: number): Y.Item | Y.GC | Y.Skip | undefined {
    const list = this.byClient.get(client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid];
      if (clock < struct.id.clock) high = mid - 1;
      else if (clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }

  /** The clock after this update's last struct of `client` (0 if none). */
  end(client: number): number {
    const list = this.byClient.get(client);
    if (!list) return 0;
    const last = list[list.length - 1];
    return last.id.clock + last.length;
  }
}

const NOT_A_VALUE = Symbol('not a plain value');

/** Indexes of queued updates, kept while the update bytes are alive (they are dropped once applied). */
const queuedIndexes = new WeakMap<Uint8Array, IndexedUpdate>();

class UpdateCheck {
  private queuedIndexesCache: IndexedUpdate[] | null = null;
  private readonly parentInfos = new IdMap<Resolved<ParentInfo>>();
  private readonly newNodes: { item: Y.Item; kind: 'element' | 'text'; parentType: string }[] = [];
  /**
   * Properties this update removes from live nodes that may not be unset: the update must write each again
   * (an overwrite deletes the previous value). By parent, then key, with the node type for the message.
   */
  private readonly mustRewrite = new IdMap<Map<string, string>>();
  private readonly mustRewriteTop = new Map<string, Map<string, string>>();
  private readonly ds: DeleteSet;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: IndexedUpdate,
    private readonly queuedSource: (() => Iterable<Uint8Array>) | undefined,
    private readonly otherSharedTypes: OtherSharedTypes,
  ) {
    this.ds = update.decoded.ds;
  }

  run(): string | null {
    if (this.update.splitClient !== null) return `the update lists client ${this.update.splitClient} twice`;
    const deletion = this.deletionProblem();
    if (deletion) return deletion;

    const store = this.doc.store;
    let client = -1;
    let state = 0;
    for (const struct of this.update.decoded.structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (struct.id.client !== client) {
        client = struct.id.client;
        state = Y.getState(store, client);
      }
      // Yjs skips what the document already has; deleted content carries nothing.
      if (struct.id.clock + struct.length <= state || struct.content instanceof Y.ContentDeleted) continue;
      const problem = this.itemProblem(struct);
      if (problem) return problem;
    }

    for (const { item, kind, parentType } of this.newNodes) {
      const types = this.update.nodeTypes.get(item.id);
      if (!types || types.length === 0) return `a new ${kind === 'element' ? 'element' : 'text'} node without a __type`;
      if (types.some((type) => type !== types[0])) return 'a new node with two different __type values';
      const problem = nodeTypeProblem(types[0], kind) ?? childProblem(parentType, types[0] as string);
      if (problem) return problem;
    }

    for (const keys of [...this.mustRewrite.values(), ...this.mustRewriteTop.values()]) {
      for (const [key, type] of keys) return `removes ${type}.${key}`;
    }
    return null;
  }

  private itemProblem(item: Y.Item): string | null {
    let parent: Parent;
    let key: string | null;
    if (item.parent !== null) {
      const explicit = item.parent as unknown;
      if (typeof explicit !== 'string' && !isId(explicit)) return 'an item with an unreadable parent';
      parent = explicit;
      key = item.parentSub;
    } else {
      const placement = this.placementOf(this.update, item);
      if (placement === DROPPED) return null;
      if (isProblem(placement)) return placement.problem;
      parent = placement.parent;
      key = placement.key;
    }
    const info = this.parentInfo(parent);
    if (info === DROPPED) return null;
    if (isProblem(info)) return info.problem;
    const content = item.content;

    if (info.kind === 'other') {
      const plain = content instanceof Y.ContentString || content instanceof Y.ContentAny || content instanceof Y.ContentFormat || content instanceof Y.ContentBinary;
      return plain ? null : `${contentName(content)} in the shared type "${info.type}"`;
    }
    if (info.kind === 'state') {
      return key === null ? `${info.type}.${STATE_KEY} holds sequence content` : stateEntryProblem(info.type, key, content);
    }
    if (key !== null) {
      if (info.kind === 'title') return 'the title has no attributes';
      // A node's state map; its entries arrive as items whose parent is this one.
      if (key === STATE_KEY) return stateHolderProblem(info.type, content);
      if (!(content instanceof Y.ContentAny)) {
        return `${info.type}.${key} is not a plain value (${contentName(content)})`;
      }
      if (key === '__type') {
        if (info.type === 'root') return content.arr.every((v) => v === 'root') ? null : 'changes the type of the body';
        // Lexical writes `__type` once, in the transaction that creates the node (explicit parent, no origin).
        if (!info.created || !isId(item.parent)) return `changes the type of an existing ${info.type} node`;
        return null;
      }
      const valueRule = propertyRule(info.type, key);
      if (!valueRule) return `${info.type} nodes have no property ${key}`;
      for (const value of content.arr) {
        if (!valueRule.accepts(value)) return `${info.type}.${key} must be ${valueRule.expected} (got ${describe(value)})`;
      }
      if (this.mustRewrite.size > 0 || this.mustRewriteTop.size > 0) {
        const keys = typeof parent === 'string' ? this.mustRewriteTop.get(parent) : this.mustRewrite.get(parent);
        if (keys?.has(key) && !Y.isDeleted(this.ds, item.id)) keys.delete(key);
      }
      return null;
    }

    if (info.kind === 'title') return content instanceof Y.ContentString ? null : 'the title holds only text';
    if (info.kind === 'text') return `${info.type} nodes hold no content`;
    if (content instanceof Y.ContentString) return childProblem(info.type, '#text') ?? this.danglingTextProblem(item);
    if (content instanceof Y.ContentType) {
      const kind = nodeKind(content.type);
      if (!kind) return `a ${sharedTypeName(content.type)} inside a ${info.type} node`;
      this.newNodes.push({ item, kind, parentType: info.type });
      return null;
    }
    return `${contentName(content)} inside a ${info.type} node`;
  }

  /** Characters must follow characters or a text-like node, or they belong to no text node. */
  private danglingTextProblem(item: Y.Item): string | null {
    const problem = 'text that belongs to no text node';
    if (!item.origin) return problem;
    const found = this.find(item.origin);
    if (!found || !(found.struct instanceof Y.Item)) return null; // dropped: judged by placementOf
    const left = found.struct;
    if (left.deleted || left.content instanceof Y.ContentString || left.content instanceof Y.ContentDeleted) return null;
    if (left.content instanceof Y.ContentType && nodeKind(left.content.type) === 'text') {
      const type = found.src ? found.src.nodeTypes.get(left.id)?.[0] : currentValue(left.content.type, '__type');
      if (type !== 'linebreak') return null;
    }
    return problem;
  }

  /**
   * Where Yjs will put an item that names no parent: the parent and key of its left neighbour (origin), or
   * else of its right neighbour, as Item.getMissing does; dropped if either neighbour is garbage-collected.
   * Iterative (neighbour chains can be long) and memoised per update.
   */
  private placementOf(src: IndexedUpdate, item: Y.Item): Resolved<Placement> {
    const chain: [IndexedUpdate, Y.Item][] = [];
    let result: Resolved<Placement>;
    let currentSrc = src;
    let current = item;
    for (;;) {
      const memo = currentSrc.placements.get(current);
      if (memo === RESOLVING) {
        result = { problem: 'items whose positions refer to each other in a loop' };
        break;
      }
      if (memo !== undefined) {
        result = memo;
        break;
      }
      if (current.parent !== null) {
        const parent = current.parent as unknown;
        result = typeof parent === 'string' || isId(parent) ? { parent, key: current.parentSub } : { problem: 'an item with an unreadable parent' };
        break;
      }
      currentSrc.placements.set(current, RESOLVING);
      chain.push([currentSrc, current]);
      const left = current.origin ? this.find(current.origin) : null;
      const right = current.rightOrigin ? this.find(current.rightOrigin) : null;
      if ((current.origin && !left) || (current.rightOrigin && !right)) {
        result = { problem: 'refers to content the server does not have' };
        break;
      }
      if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) {
        result = DROPPED;
        break;
      }
      const next = (left ?? right)!;
      if (!(next.struct instanceof Y.Item)) {
        result = { problem: 'refers to skipped content' };
        break;
      }
      if (next.src === null) {
        const parent = next.struct.parent;
        result = parent instanceof Y.AbstractType ? { parent: this.parentOfDocType(parent), key: next.struct.parentSub } : DROPPED;
        break;
      }
      currentSrc = next.src;
      current = next.struct;
    }
    for (const [s, it] of chain) s.placements.set(it, result);
    return result;
  }

  private parentOfDocType(type: SharedType): Parent {
    return type._item ? type._item.id : Y.findRootTypeKey(type);
  }

  private parentInfo(parent: Parent): Resolved<ParentInfo> {
    if (typeof parent === 'string') {
      if (parent === BODY_ROOT) return BODY_INFO;
      if (parent === TITLE_TEXT) return TITLE_INFO;
      if (this.otherSharedTypes === 'plain') return { kind: 'other', type: parent, created: false };
      return { problem: `writes to an unknown shared type "${parent}"` };
    }
    let info = this.parentInfos.get(parent);
    if (info === undefined) {
      info = this.findParentInfo(parent);
      this.parentInfos.set(parent, info);
    }
    return info;
  }

  private findParentInfo(id: Y.ID): Resolved<ParentInfo> {
    const found = this.find(id);
    if (!found) return { problem: 'writes inside content the server does not have' };
    const holder = found.struct;
    if (holder instanceof Y.GC) return DROPPED;
    if (!(holder instanceof Y.Item)) return { problem: 'writes inside skipped content' };
    // Yjs garbage-collects items whose parent is not a live shared type, and deletes those in a deleted one.
    if (!(holder.content instanceof Y.ContentType) || (found.src === null && holder.deleted)) return DROPPED;
    if (holder.parentSub === STATE_KEY) return this.stateInfo(holder, found.src);
    const sharedType = holder.content.type;
    const kind = nodeKind(sharedType);
    if (!kind) return { problem: `writes inside a ${sharedTypeName(sharedType)}` };
    let type: unknown;
    if (found.src === null) type = currentValue(sharedType, '__type');
    else {
      const types = found.src.nodeTypes.get(holder.id) ?? [];
      if (types.some((t) => t !== types[0])) return { problem: 'a new node with two different __type values' };
      type = types[0];
    }
    if (type === undefined) return { problem: 'writes inside a node without a __type' };
    const problem = nodeTypeProblem(type, kind);
    if (problem) return { problem };
    return { kind, type: type as string, created: found.src === this.update };
  }

  /**
   * What writing into `holder`'s shared type means when `holder` is stored under a `__state` key: it must be a
   * Y.Map held by a node (the body or a node in it), and the writes are that node's state entries.
   */
  private stateInfo(holder: Y.Item, src: IndexedUpdate | null): Resolved<ParentInfo> {
    const sharedType = (holder.content as Y.ContentType).type;
    if (sharedType.constructor !== Y.Map) return { problem: `writes inside a ${sharedTypeName(sharedType)} stored as ${STATE_KEY}` };
    let node: Parent;
    if (src === null) node = this.parentOfDocType(holder.parent as SharedType);
    else {
      const placement = this.placementOf(src, holder);
      if (placement === DROPPED || isProblem(placement)) return placement;
      node = placement.parent;
    }
    const created = src === this.update;
    if (typeof node === 'string') {
      return node === BODY_ROOT ? { kind: 'state', type: 'root', created } : { problem: `writes inside a ${STATE_KEY} of the shared type "${node}"` };
    }
    // A state map held by another state map (refused where it is written) is no node's state; checked here so
    // that nested maps do not make this recurse.
    const nodeHolder = this.find(node)?.struct;
    if (nodeHolder instanceof Y.Item && nodeHolder.parentSub === STATE_KEY) return { problem: `a shared type nested in a ${STATE_KEY}` };
    const info = this.parentInfo(node);
    if (info === DROPPED || isProblem(info)) return info;
    if (info.kind !== 'element' && info.kind !== 'text') return { problem: `writes inside a ${STATE_KEY} of the ${info.type}` };
    return { kind: 'state', type: info.type, created };
  }

  /** Finds the struct holding `id`: the document first (Yjs ignores what it already has), then the update, then queued updates. */
  private find(id: Y.ID): Found | null {
    const store = this.doc.store;
    if (id.clock < Y.getState(store, id.client)) {
      const structs = store.clients.get(id.client)!;
      return { src: null, struct: structs[Y.findIndexSS(structs, id.clock)] };
    }
    const inUpdate = this.update.find(id.client, id.clock);
    if (inUpdate) return { src: this.update, struct: inUpdate };
    for (const queued of this.queued()) {
      const struct = queued.find(id.client, id.clock);
      if (struct) return { src: queued, struct };
    }
    return null;
  }

  private queued(): IndexedUpdate[] {
    if (this.queuedIndexesCache) return this.queuedIndexesCache;
    const indexes: IndexedUpdate[] = [];
    for (const bytes of this.queuedSource?.() ?? []) {
      let index = queuedIndexes.get(bytes);
      if (!index) {
        index = new IndexedUpdate(Y.decodeUpdate(bytes));
        queuedIndexes.set(bytes, index);
      }
      indexes.push(index);
    }
    this.queuedIndexesCache = indexes;
    return indexes;
  }

  /**
   * Walks the delete set. Removing a property is allowed when its node goes too or it may be unset; other
   * removals are noted in mustRewrite, for the main pass to find the new value. `__type` is never removed.
   */
  private deletionProblem(): string | null {
    const store = this.doc.store;
    for (const [client, ranges] of this.ds.clients) {
      const state = Y.getState(store, client);
      let known = Math.max(state, this.update.end(client));
      for (const { clock, len } of ranges) {
        const end = clock + len;
        if (end > known) known = Math.max(known, ...this.queued().map((q) => q.end(client)));
        if (end > known) return 'deletes content the server does not have';
        if (clock < state) {
          const structs = store.clients.get(client)!;
          for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
            const item = structs[i];
            if (!(item instanceof Y.Item) || item.deleted || item.parentSub === null) continue;
            const parentType = item.parent as SharedType;
            const holder = parentType._item;
            if (holder && (holder.deleted || Y.isDeleted(this.ds, holder.id))) continue;
            // State entries may be removed (Lexical falls back to the state's default).
            if (holder?.parentSub === STATE_KEY) continue;
            const type = holder ? currentValue(parentType, '__type') : Y.findRootTypeKey(parentType) === BODY_ROOT ? 'root' : null;
            const problem = this.noteRemoval(this.parentOfDocType(parentType), type, item.parentSub);
            if (problem) return problem;
          }
        }
        if (end > state) {
          // Structs not applied yet: this update's, and queued ones only if the range reaches past this update's.
          const from = Math.max(clock, state);
          const first = this.update.byClient.get(client)?.[0];
          const withinUpdate = first !== undefined && from >= first.id.clock && end <= this.update.end(client);
          for (const src of withinUpdate ? [this.update] : [this.update, ...this.queued()]) {
            const problem = this.pendingRemovalProblem(src, client, from, end);
            if (problem) return problem;
          }
        }
      }
    }
    return null;
  }

  /** Properties deleted among the not-yet-applied structs of `src` in [from, to). */
  private pendingRemovalProblem(src: IndexedUpdate, client: number, from: number, to: number): string | null {
    for (const struct of src.byClient.get(client) ?? []) {
      if (struct.id.clock + struct.length <= from || struct.id.clock >= to || !(struct instanceof Y.Item)) continue;
      const placement = this.placementOf(src, struct);
      if (placement === DROPPED || isProblem(placement) || placement.key === null) continue;
      const parent = placement.parent;
      if (typeof parent !== 'string') {
        const holder = this.find(parent);
        if (!holder || !(holder.struct instanceof Y.Item) || holder.struct.deleted || Y.isDeleted(this.ds, parent)) continue;
      }
      const info = this.parentInfo(parent);
      if (info === DROPPED || isProblem(info) || info.kind === 'state') continue;
      const problem = this.noteRemoval(parent, info.type, placement.key);
      if (problem) return problem;
    }
    return null;
  }

  private noteRemoval(parent: Parent, type: unknown, key: string): string | null {
    if (typeof type !== 'string') return null;
    if (key === '__type') return `removes the type of a ${type} node`;
    const valueRule = propertyRule(type, key);
    if (!valueRule || valueRule.accepts(undefined)) return null;
    let keys = typeof parent === 'string' ? this.mustRewriteTop.get(parent) : this.mustRewrite.get(parent);
    if (!keys) {
      keys = new Map();
      if (typeof parent === 'string') this.mustRewriteTop.set(parent, keys);
      else this.mustRewrite.set(parent, keys);
    }
    keys.set(key, type);
    return null;
  }
}
