// Who wrote each character of a page's current body: the Yjs items that hold the live text, read in document
// order, each credited to the owner of the client id that created it.
//
// Read item by item rather than through Lexical: the author of a character is only known from the item that
// holds it, and toDelta() or Lexical nodes would merge characters of different authors into one string.
// How @lexical/yjs 0.52 stores the body is described in shared/docSchema.ts; what matters here (checked by
// dumping documents the headless editor wrote):
// - element nodes are Y.XmlText embedded in their parent, `__type` (and a heading's `__tag`) as attributes;
// - text, tab and code-highlight nodes are a Y.Map followed by their characters as plain string content
//   (a tab's characters are "\t"), so the characters are counted and the maps skipped;
// - a line break is a Y.Map of `__type` "linebreak" with no characters after it, so it is written as "\n";
// - table cells hold paragraphs, and a list item that holds a nested list holds nothing else.
// The walk keeps its own stack instead of recursing, so a list nested thousands of levels deep cannot
// overflow the call stack, and visits each item once, so it runs in time linear in the document.
import * as Y from 'yjs';
import { BODY_ROOT } from '../../shared/collabProtocol.js';
import { headingTags, nodeKind } from '../../shared/docSchema.js';
import { currentValue, type SharedType } from '../../shared/yjsItems.js';
import type { AttributionBlock } from './types.js';

export type AttributedKind = AttributionBlock['kind'];
export type OwnerOf = (clientId: number) => string | null;

export interface OwnedRun {
  /** Whatever ownerOf returned for the client id that wrote the run; null when unknown. */
  owner: string | null;
  text: string;
}

export interface OwnedBlock {
  kind: AttributedKind;
  /** Adjacent runs never have the same owner. Empty for an empty block. */
  runs: OwnedRun[];
}

export interface DocAttribution {
  blocks: OwnedBlock[];
}

/** Element types that are one block of text each. */
const leafKinds: ReadonlyMap<string, AttributedKind> = new Map<string, AttributedKind>([
  ['paragraph', 'paragraph'],
  ['quote', 'quote'],
  ['code', 'code'],
  ['listitem', 'listitem'],
]);
/** Element types that only hold blocks. Anything unknown also counts as one, unless it sits inside text. */
const containerTypes: ReadonlySet<string> = new Set(['list', 'table', 'tablerow']);

class BlockBuilder {
  readonly runs: { owner: string | null; parts: string[] }[] = [];
  /** For a cell: how many lines (paragraphs…) it holds so far, to put "\n" between them. */
  lines = 0;

  constructor(readonly kind: AttributedKind) {}

  append(owner: string | null, text: string): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.owner === owner) last.parts.push(text);
    else this.runs.push({ owner, parts: [text] });
  }

  build(): OwnedBlock {
    return { kind: this.kind, runs: this.runs.map((run) => ({ owner: run.owner, text: run.parts.join('') })) };
  }
}

/**
 * One element being walked. 'leaf' (paragraph, heading…) and 'container' (root, list…) frames receive text
 * themselves; an 'inline' frame (link) passes its text to its host. Blocks open lazily, on their first
 * character, so that text after a nested block (a list inside a list item) opens a new block after it, and a
 * list item that only wraps a nested list makes no empty block. Inside a table cell every block is a line of
 * the cell's one block.
 */
interface Frame {
  next: Y.Item | null;
  role: 'leaf' | 'container' | 'inline';
  kind: AttributedKind;
  /** Owner of the item that embeds the element: a cell's line break belongs to whoever made the new line. */
  owner: string | null;
  host: Frame;
  cell: BlockBuilder | null;
  target: BlockBuilder | null;
  opened: boolean;
  sawNested: boolean;
}

/** Who wrote each run of the live body of `doc`, block by block in document order. Reads; never writes. */
export function attributeDoc(doc: Y.Doc, ownerOf: OwnerOf): DocAttribution {
  // The bare shared type: asking doc.get() for a type the doc never typed would convert it, and reading the
  // items needs no typed API.
  const body = doc.share.get(BODY_ROOT) as SharedType | undefined;
  if (!body) return { blocks: [] };

  const owners = new Map<number, string | null>();
  const ownerOfItem = (item: Y.Item): string | null => {
    const client = item.id.client;
    let owner = owners.get(client);
    if (owner === undefined) {
      owner = ownerOf(client) ?? null;
      owners.set(client, owner);
    }
    return owner;
  };

  const blocks: BlockBuilder[] = [];
  const open = (host: Frame): BlockBuilder => {
    host.opened = true;
    if (host.cell) {
      if (host.cell.lines++ > 0) host.cell.append(host.owner, '\n');
      host.target = host.cell;
    } else {
      host.target = new BlockBuilder(host.kind);
      blocks.push(host.target);
    }
    return host.target;
  };
  const write = (frame: Frame, owner: string | null, text: string): void => {
    (frame.host.target ?? open(frame.host)).append(owner, text);
  };
  const push = (stack: Frame[], frame: Omit<Frame, 'host' | 'target' | 'opened' | 'sawNested'>, host?: Frame) => {
    const full = frame as Frame;
    full.host = host ?? full;
    full.target = null;
    full.opened = false;
    full.sawNested = false;
    stack.push(full);
  };

  const stack: Frame[] = [];
  push(stack, { next: body._start, role: 'container', kind: 'paragraph', owner: null, cell: null });
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const item = frame.next;
    if (item === null) {
      stack.pop();
      // An empty paragraph is still a line of the page.
      if (frame.role === 'leaf' && !frame.opened && !frame.sawNested) open(frame);
      continue;
    }
    frame.next = item.right;
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentString) {
      write(frame, ownerOfItem(item), content.str);
      continue;
    }
    // Formatting marks, JSON embeds and anything else hold no text; a Y.XmlElement (decorator) neither.
    if (!(content instanceof Y.ContentType)) continue;
    const type = content.type as SharedType;
    const kind = nodeKind(type);
    if (kind === 'text') {
      if (currentValue(type, '__type') === 'linebreak') write(frame, ownerOfItem(item), '\n');
      continue;
    }
    if (kind !== 'element') continue;

    const typeName = currentValue(type, '__type');
    const name = typeof typeName === 'string' ? typeName : '';
    const owner = ownerOfItem(item);
    const host = frame.host;
    const leafKind = name === 'heading' ? headingKind(currentValue(type, '__tag')) : leafKinds.get(name);
    const isCell = name === 'tablecell';
    if (!leafKind && !isCell && !containerTypes.has(name) && frame.role !== 'container') {
      // A link (or an element this walker does not know) inside text: its text belongs to the same block.
      push(stack, { next: type._start, role: 'inline', kind: host.kind, owner, cell: host.cell }, host);
      continue;
    }
    // A block inside this element ends the block it was writing; text after it opens a new one.
    host.target = null;
    host.sawNested = true;
    if (leafKind) {
      push(stack, { next: type._start, role: 'leaf', kind: leafKind, owner, cell: host.cell });
    } else if (isCell && !host.cell) {
      const cell = new BlockBuilder('cell');
      blocks.push(cell);
      push(stack, { next: type._start, role: 'container', kind: 'cell', owner, cell });
    } else {
      // Lists, tables, rows, unknown blocks, and a table nested in a cell, whose text joins the outer cell.
      push(stack, { next: type._start, role: 'container', kind: 'paragraph', owner, cell: host.cell });
    }
  }
  return { blocks: blocks.map((block) => block.build()) };
}

/** The same as attributeDoc, for a stored state (the whole page_updates log, or one revision's part of it). */
export function attributeState(state: Uint8Array, ownerOf: OwnerOf): DocAttribution {
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, state);
    return attributeDoc(doc, ownerOf);
  } finally {
    doc.destroy();
  }
}

/** A heading's block kind; a tag that is no heading tag is drawn as h2 (shared/editorNodes.ts), so it counts as one. */
function headingKind(tag: unknown): AttributedKind {
  return (headingTags as readonly unknown[]).includes(tag) ? (tag as AttributedKind) : 'h2';
}
