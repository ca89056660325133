// The incremental check: judges an incoming update against docSchema.ts before it is applied, in time
// proportional to the update, never walking the document. A document that passes docCheck.ts still passes
// it after any update this accepts (the guarantee is spelled out on findUpdateProblem).
import * as Y from 'yjs';
import { BODY_ROOT } from './collabProtocol.js';
import { childProblem, describe, nodeKind, nodeTypeProblem, propertyRule, STATE_KEY, stateEntryProblem, stateHolderProblem, type OtherSharedTypes } from './docSchema.js';
import {
  DROPPED,
  IdMap,
  IndexedUpdate,
  isId,
  isProblem,
  PlacementResolver,
  type DecodedUpdate,
  type DeleteSet,
  type Parent,
} from './updatePlacement.js';
import { contentName, currentValue, sharedTypeName, type SharedType } from './yjsItems.js';

export type { DecodedUpdate } from './updatePlacement.js';

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
 *   later into the existing map — are plain JSON values within the bounds of "Node state" (docSchema.ts),
 *   and never shared types; state entries may be removed freely;
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

class UpdateCheck {
  private readonly newNodes: { item: Y.Item; kind: 'element' | 'text'; parentType: string }[] = [];
  /**
   * Properties this update removes from live nodes that may not be unset: the update must write each again
   * (an overwrite deletes the previous value). By parent, then key, with the node type for the message.
   */
  private readonly mustRewrite = new IdMap<Map<string, string>>();
  private readonly mustRewriteTop = new Map<string, Map<string, string>>();
  private readonly ds: DeleteSet;
  private readonly resolver: PlacementResolver;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: IndexedUpdate,
    queuedSource: (() => Iterable<Uint8Array>) | undefined,
    otherSharedTypes: OtherSharedTypes,
  ) {
    this.ds = update.decoded.ds;
    this.resolver = new PlacementResolver(doc, update, queuedSource, otherSharedTypes);
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
      const placement = this.resolver.placementOf(this.update, item);
      if (placement === DROPPED) return null;
      if (isProblem(placement)) return placement.problem;
      parent = placement.parent;
      key = placement.key;
    }
    const info = this.resolver.parentInfo(parent);
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
    const found = this.resolver.find(item.origin);
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
        if (end > known) known = Math.max(known, ...this.resolver.queued().map((q) => q.end(client)));
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
            const problem = this.noteRemoval(this.resolver.parentOfDocType(parentType), type, item.parentSub);
            if (problem) return problem;
          }
        }
        if (end > state) {
          // Structs not applied yet: this update's, and queued ones only if the range reaches past this update's.
          const from = Math.max(clock, state);
          const first = this.update.byClient.get(client)?.[0];
          const withinUpdate = first !== undefined && from >= first.id.clock && end <= this.update.end(client);
          for (const src of withinUpdate ? [this.update] : [this.update, ...this.resolver.queued()]) {
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
      const placement = this.resolver.placementOf(src, struct);
      if (placement === DROPPED || isProblem(placement) || placement.key === null) continue;
      const parent = placement.parent;
      if (typeof parent !== 'string') {
        const holder = this.resolver.find(parent);
        if (!holder || !(holder.struct instanceof Y.Item) || holder.struct.deleted || Y.isDeleted(this.ds, parent)) continue;
      }
      const info = this.resolver.parentInfo(parent);
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
