// The live editor page: Lexical bound to the page's Y.Doc, with title, toolbar, presence and connection state.
// The editor registers exactly the shared node set, so the server can render whatever is typed here.
// It is read-only when the boot data says the person may not write, or once the server says so; the
// server enforces the same rule on the socket, so this only spares the person typing into the void.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorThemeClasses } from 'lexical';
import type { Doc } from 'yjs';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { editorNamespace, editorNodes, editorTheme } from '../../../shared/editorNodes.js';
import { translator, type Locale } from '../../../shared/i18n/index.js';
import { asLexicalProvider, createCollabSession, whenDocReady, type CollabSession } from './collabProvider.js';
import { useConnectionState } from './connectionState.js';
import { presenceIdentity, type BootUser } from './presenceIdentity.js';
import { usePeople } from './PresenceList.js';
import { EditorWorkspace } from './EditorWorkspace.js';

export interface BootData {
  pageId: string;
  slug: string;
  title: string;
  locale: Locale;
  collabUrl: string;
  viewUrl: string;
  /** The signed-in account; its display name is the presence name the server accepts. */
  user: BootUser | null;
  /** Whether the person may edit this page when it was served. */
  canWrite: boolean;
  csrfToken: string;
  /** Where to sign in again, coming back to this editor. */
  signInUrl: string;
}

/** Remote carets and selections get classes, so editor.css can draw them and label them by name. */
const clientTheme: EditorThemeClasses = {
  ...editorTheme,
  collaboration: {
    cursor: 'ens-cursor',
    cursorName: 'ens-cursor__name',
    selection: 'ens-cursor-selection',
    selectionBg: 'ens-cursor-selection__bg',
  },
};

export function EditorApp({ boot }: { boot: BootData }) {
  const t = useMemo(() => translator(boot.locale), [boot.locale]);
  const [session, setSession] = useState<CollabSession | null>(null);
  const [ready, setReady] = useState(false);
  // Fixed for the page load: the plugin reconnects the socket whenever the name or colour changes.
  const identity = useMemo(() => presenceIdentity(boot.user, t), [boot.user, t]);
  const connection = useConnectionState(session?.provider ?? null);
  const people = usePeople(session?.provider ?? null);
  const toldReadOnly = useServerReadOnly(session);
  const readOnly = !boot.canWrite || toldReadOnly;
  const cursorsContainerRef = useRef<HTMLDivElement>(null);

  const providerFactory = useCallback(
    (id: string, yjsDocMap: Map<string, Doc>) => {
      const created = createCollabSession(id, boot.collabUrl);
      yjsDocMap.set(id, created.doc);
      setSession(created);
      return asLexicalProvider(created.provider);
    },
    [boot.collabUrl],
  );

  useEffect(() => (session ? whenDocReady(session, () => setReady(true)) : undefined), [session]);

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: editorNamespace,
      nodes: [...editorNodes],
      theme: clientTheme,
      // Collaboration owns the content: it comes from the Y.Doc, never from an initial state.
      editorState: null,
      // Read-only until the doc holds the page; see whenDocReady.
      editable: false,
      onError: (error: Error) => console.error('Ensemble editor:', error),
    }),
    [],
  );

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <EditorWorkspace
          boot={boot}
          t={t}
          doc={session?.doc ?? null}
          ready={ready}
          connection={connection}
          people={people}
          readOnly={readOnly}
          cursorsContainerRef={cursorsContainerRef}
          collaboration={
            <CollaborationPlugin
              id={boot.pageId}
              providerFactory={providerFactory}
              // The server seeds every page; a client seeding too would duplicate the first paragraph.
              shouldBootstrap={false}
              username={identity.name}
              cursorColor={identity.color}
              cursorsContainerRef={cursorsContainerRef}
            />
          }
        />
      </LexicalComposer>
    </LexicalCollaboration>
  );
}

/** Whether the server has said this session may only read (see createCollabSession). */
function useServerReadOnly(session: CollabSession | null): boolean {
  const [readOnly, setReadOnly] = useState(false);
  useEffect(() => {
    if (!session) return;
    // The message may have arrived before this effect ran.
    if (session.isReadOnly()) setReadOnly(true);
    return session.onReadOnly(() => setReadOnly(true));
  }, [session]);
  return readOnly;
}
