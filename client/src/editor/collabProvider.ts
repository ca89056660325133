// One page's live session: the Y.Doc, its IndexedDB copy and the stock y-websocket provider.
// The IndexedDB copy is what lets edits made offline survive a reload and merge when the socket returns.
// The server says when a socket may only read (a y-protocols permission-denied message); the session
// remembers it for the rest of the page load, so the editor cannot turn editable again behind its back.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as authProtocol from 'y-protocols/auth';
import type { Provider } from '@lexical/yjs';
import { BODY_ROOT, MessageType, TITLE_TEXT } from '../../../shared/collabProtocol.js';

export interface CollabSession {
  readonly pageId: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Null when the browser refuses IndexedDB (some privacy modes); editing then works online only. */
  readonly persistence: IndexeddbPersistence | null;
  /** True once the server said this page may only be read here (on joining as a reader, or on losing write access). */
  isReadOnly(): boolean;
  /** Calls back when the session turns read-only; returns the unsubscribe function. */
  onReadOnly(listener: () => void): () => void;
}

/** ws(s)://host/collab, the base URL the stock provider appends the room (page id) to. */
export function collabSocketUrl(collabPath: string, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}${collabPath}`;
}

/** The IndexedDB database of one page; prefixed so it cannot collide with other apps on the same origin. */
export function localStoreName(pageId: string): string {
  return `ensemble-page-${pageId}`;
}

export function createCollabSession(pageId: string, collabPath: string): CollabSession {
  const doc = new Y.Doc();
  let persistence: IndexeddbPersistence | null = null;
  try {
    persistence = new IndexeddbPersistence(localStoreName(pageId), doc);
  } catch (error) {
    console.warn('Ensemble: offline copy unavailable', error);
  }
  // connect: false because CollaborationPlugin connects once its binding exists, so the first sync is observed.
  const provider = new WebsocketProvider(collabSocketUrl(collabPath), pageId, doc, { connect: false });
  let readOnly = false;
  const listeners = new Set<() => void>();
  // Replaces the stock handler, which only logs the denial.
  provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
      // 'read-only' (READ_ONLY_REASON) is the only denial the server sends; any other is treated alike.
      if (readOnly) return;
      readOnly = true;
      console.info(`Ensemble: this page is read-only here (${reason})`);
      for (const listener of [...listeners]) listener();
    });
  };
  return {
    pageId,
    doc,
    provider,
    persistence,
    isReadOnly: () => readOnly,
    onReadOnly(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The stock provider satisfies Lexical's structural Provider type, but its declared event types are narrower. */
export function asLexicalProvider(provider: WebsocketProvider): Provider {
  return provider as unknown as Provider;
}

/** True when the doc holds page state, i.e. it came from the server or from an earlier visit's offline copy. */
export function docHasContent(doc: Y.Doc): boolean {
  return doc.getText(TITLE_TEXT).length > 0 || doc.get(BODY_ROOT, Y.XmlText).length > 0;
}

/**
 * Resolves when the doc is safe to edit: after the first server sync, or after the offline copy loaded
 * real content. Editing an empty doc before either would insert a second copy of the seeded content.
 */
export function whenDocReady(session: CollabSession, onReady: () => void): () => void {
  let done = false;
  const ready = () => {
    if (done) return;
    done = true;
    onReady();
  };
  const onSync = (synced: boolean) => {
    if (synced) ready();
  };
  session.provider.on('sync', onSync);
  if (session.provider.synced) ready();
  let cancelled = false;
  session.persistence?.whenSynced.then(
    () => {
      if (!cancelled && docHasContent(session.doc)) ready();
    },
    () => undefined,
  );
  return () => {
    cancelled = true;
    session.provider.off('sync', onSync);
  };
}
