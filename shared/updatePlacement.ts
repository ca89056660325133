// Where the structs of an incoming update will land in a page's Y.Doc, worked out the way Yjs integrates them
// (Item.getMissing): which parent and key, and what node that parent is. Nothing is applied or copied: each
// answer looks up a few structs by id in the document, the update, or the updates queued before it.
import * as Y from 'yjs';
import { BODY_ROOT, TITLE_TEXT } from './collabProtocol.js';
import { nodeKind, nodeTypeProblem, STATE_KEY, type OtherSharedTypes } from './docSchema.js';
import { currentValue, sharedTypeName, type SharedType } from './yjsItems.js';

export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/** An update decoded with Y.decodeUpdate. */
export interface DecodedUpdate {
  structs: (Y.Item | Y.GC | Y.Skip)[];
  ds: DeleteSet;
}

/** A parent as an update names it: a top-level type by name, or the item that holds a nested type. */
export type Parent = string | Y.ID;
export interface Placement {
  parent: Parent;
  /** Attribute or map key; null for sequence content (characters and embedded nodes). */
  key: string | null;
}
/** Yjs will drop (garbage-collect) or immediately delete this struct: there is nothing to judge. */
export const DROPPED = 'dropped' as const;
const RESOLVING = 'resolving' as const;
export type Problem = { problem: string };
export type Resolved<T> = T | typeof DROPPED | Problem;

export interface ParentInfo {
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
export interface Found {
  src: IndexedUpdate | null;
  struct: Y.Item | Y.GC | Y.Skip;
}

export const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'problem' in value;

export function isId(value: unknown): value is Y.ID {
  return value instanceof Y.ID;
}

/** A map keyed by (client, clock), without building a string per lookup: this runs for every struct. */
export class IdMap<T> {
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
export class IndexedUpdate {
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

/** Answers where the structs of one update go, memoised for the length of one check. */
export class PlacementResolver {
  private queuedIndexesCache: IndexedUpdate[] | null = null;
  private readonly parentInfos = new IdMap<Resolved<ParentInfo>>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: IndexedUpdate,
    private readonly queuedSource: (() => Iterable<Uint8Array>) | undefined,
    private readonly otherSharedTypes: OtherSharedTypes,
  ) {}

  /**
   * Where Yjs will put an item that names no parent: the parent and key of its left neighbour (origin), or
   * else of its right neighbour, as Item.getMissing does; dropped if either neighbour is garbage-collected.
   * Iterative (neighbour chains can be long) and memoised per update.
   */
  placementOf(src: IndexedUpdate, item: Y.Item): Resolved<Placement> {
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

  /** How an update names `type`, a shared type the document already has, as a parent. */
  parentOfDocType(type: SharedType): Parent {
    return type._item ? type._item.id : Y.findRootTypeKey(type);
  }

  /** What node `parent` is, or why nothing may be written into it; memoised per parent. */
  parentInfo(parent: Parent): Resolved<ParentInfo> {
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
  find(id: Y.ID): Found | null {
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

  /** The queued updates, each decoded and indexed once for as long as its bytes are kept. */
  queued(): IndexedUpdate[] {
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
}
