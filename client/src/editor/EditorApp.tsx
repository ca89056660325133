// The live editor page: Lexical bound to the page's Y.Doc, with title, toolbar, presence and connection state.
// The editor registers exactly the shared node set, so the server can render whatever is typed here.
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
import { cleanGuestName, guestIdentity, loadStoredGuest, writeStoredGuest } from './guestIdentity.js';
import { usePeople, usePublishedName } from './PresenceList.js';
import { EditorWorkspace } from './EditorWorkspace.js';

export interface BootData {
  pageId: string;
  slug: string;
  title: string;
  locale: Locale;
  collabUrl: string;
  viewUrl: string;
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
  const [guest, setGuest] = useState(() => loadStoredGuest());
  const identity = guestIdentity(guest, t);
  // The plugin republishes awareness by reconnecting the socket whenever `username` changes, which drops
  // and re-syncs everyone's presence; so it gets the name at load, and renames go to awareness directly.
  const [nameAtLoad] = useState(identity.name);
  const connection = useConnectionState(session?.provider ?? null);
  const people = usePeople(session?.provider ?? null);
  usePublishedName(session?.provider ?? null, identity.name);
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

  const commitName = useCallback((typed: string) => {
    setGuest((current) => {
      const name = cleanGuestName(typed);
      const next = { ...current, name: name || undefined };
      writeStoredGuest(next);
      return next;
    });
  }, []);

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
          identity={identity}
          onCommitName={commitName}
          cursorsContainerRef={cursorsContainerRef}
          collaboration={
            <CollaborationPlugin
              id={boot.pageId}
              providerFactory={providerFactory}
              // The server seeds every page; a client seeding too would duplicate the first paragraph.
              shouldBootstrap={false}
              username={nameAtLoad}
              cursorColor={identity.color}
              cursorsContainerRef={cursorsContainerRef}
            />
          }
        />
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
