// A co-editor without a browser: the stock y-websocket WebsocketProvider plus a headless Lexical editor bound
// to its own Y.Doc, wired the way @lexical/react's CollaborationPlugin wires the browser editor.
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createHeadlessEditor } from '@lexical/headless';
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { editorNodes, editorTheme, editorNamespace } from '../../shared/editorNodes.js';
import { BODY_ROOT, TITLE_TEXT } from '../../shared/collabProtocol.js';

// In Node, every WebsocketProvider adds a process 'exit' listener (removed on destroy); suites that hold
// a few dozen clients at once are not leaking, so raise the warning threshold above what they use.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64));

export interface LexicalClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  editor: LexicalEditor;
  synced: Promise<void>;
  /** Appends a paragraph with this text. */
  appendParagraph(text: string): void;
  /** Types text at the end of the last paragraph, one Lexical update per call. */
  typeAtEnd(text: string): void;
  text(): string;
  title(): string;
  /** Close codes the server sent, in order. */
  closeCodes: number[];
  destroy(): void;
}

/** A `ws` WebSocket class that sends these headers on the upgrade (e.g. Authorization), for WebSocketPolyfill. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export interface ClientAuth {
  /** `Bearer …` or a `Cookie` header value. */
  bearer?: string;
  cookie?: string;
  /** The awareness name; it must be the account's display name or the server refuses it. */
  displayName?: string;
}

export function connectLexicalClient(collabUrl: string, pageId: string, auth: ClientAuth | null = null): LexicalClient {
  const doc = new Y.Doc();
  const headers: Record<string, string> = {};
  if (auth?.bearer) headers.authorization = auth.bearer;
  if (auth?.cookie) headers.cookie = auth.cookie;
  const provider = new WebsocketProvider(collabUrl, pageId, doc, {
    WebSocketPolyfill: webSocketWithHeaders(headers),
    disableBc: true,
  });
  const name = auth?.displayName;
  const closeCodes: number[] = [];
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  if (name) provider.awareness.setLocalStateField('name', name);
  const editor = createHeadlessEditor({
    namespace: editorNamespace,
    nodes: [...editorNodes],
    theme: editorTheme,
    onError: (error) => {
      throw error;
    },
  });
  const binding = createYjsBinding({ editor, id: BODY_ROOT, doc, docMap: new Map([[BODY_ROOT, doc]]) });
  const lexicalProvider = provider as unknown as Provider;
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) {
      // No DOM here, so remote cursors are not drawn.
      syncYjsChangesToLexical(binding, lexicalProvider, events as Y.YEvent<Y.Text>[], false, () => {});
    }
  });
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, lexicalProvider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    editor,
    synced,
    closeCodes,
    appendParagraph(text) {
      editor.update(
        () => {
          const paragraph = $createParagraphNode();
          paragraph.append($createTextNode(text));
          $getRoot().append(paragraph);
        },
        { discrete: true },
      );
    },
    typeAtEnd(text) {
      editor.update(
        () => {
          const root = $getRoot();
          let last = root.getLastChild();
          if (!last || last.getType() !== 'paragraph') {
            last = $createParagraphNode();
            root.append(last);
          }
          const paragraph = last as ReturnType<typeof $createParagraphNode>;
          paragraph.append($createTextNode(text));
        },
        { discrete: true },
      );
    },
    text: () => editor.read(() => $getRoot().getTextContent()),
    title: () => doc.getText(TITLE_TEXT).toString(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
