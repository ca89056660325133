// Layout of the editing page inside the Lexical composer, and the focus moves between its parts:
// Alt+F10 to the toolbar, Escape back to the text, the link dialog back to wherever it was opened from.
// A read-only view has no toolbar, a non-editable body and title, and says so in the status line.
import { useCallback, useEffect, useId, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { BaseSelection } from 'lexical';
import type { Doc } from 'yjs';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import { isAllowedHref } from '../../../shared/linkPolicy.js';
import type { Translate } from '../../../shared/i18n/index.js';
import type { BootData } from './EditorApp.js';
import { ConnectionStatus, RefusalNotice } from './ConnectionStatus.js';
import { EntryForm } from './EntryForm.js';
import { useEntryChoices } from './entryState.js';
import type { ConnectionState } from './connectionState.js';
import { $readSelectionFormat, applyLink, captureSelection, removeLink } from './editorActions.js';
import { LinkDialog } from './LinkDialog.js';
import { markdownTransformers } from './markdownTransformers.js';
import { PresenceList, type Person } from './PresenceList.js';
import { matchesCombo, shortcutTable } from './shortcuts.js';
import { ShortcutsPlugin } from './ShortcutsPlugin.js';
import { TitleField } from './TitleField.js';
import { Toolbar } from './Toolbar.js';
import { WikiLinkPlugin } from './WikiLinkPlugin.js';

interface WorkspaceProps {
  boot: BootData;
  t: Translate;
  doc: Doc | null;
  ready: boolean;
  connection: ConnectionState;
  people: Person[];
  /** The person may read but not edit: no toolbar, nothing editable. */
  readOnly: boolean;
  cursorsContainerRef: RefObject<HTMLDivElement | null>;
  collaboration: ReactNode;
}

interface OpenLink {
  url: string | null;
  selection: BaseSelection | null;
  returnTo: HTMLElement | null;
}

export function EditorWorkspace(props: WorkspaceProps) {
  const { boot, t, doc, ready, connection, people, readOnly, cursorsContainerRef, collaboration } = props;
  const [editor] = useLexicalComposerContext();
  const [link, setLink] = useState<OpenLink | null>(null);
  const refused = connection.kind === 'refused';
  const ids = useId();
  const bodyId = `${ids}-body`;
  const helpId = `${ids}-help`;
  const toolbarId = `${ids}-toolbar`;
  const presenceHeadingId = `${ids}-presence`;
  // Non-null once the doc is a catalogue entry (it may only turn out so after the first sync).
  const entry = useEntryChoices(doc);

  useEffect(() => {
    editor.setEditable(ready && !refused && !readOnly);
  }, [editor, ready, refused, readOnly]);

  // A link dialog left open when the page turns read-only could still apply its link.
  useEffect(() => {
    if (readOnly) setLink(null);
  }, [readOnly]);

  const onTitleChange = useCallback(
    (title: string) => {
      document.title = `${t('editor.heading', { title: title.trim() || t('editor.untitled') })} – ${t('app.name')}`;
    },
    [t],
  );

  const focusToolbar = useCallback(() => {
    document.getElementById(toolbarId)?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  }, [toolbarId]);

  const returnToText = useCallback(() => editor.focus(), [editor]);

  const openLink = useCallback(() => {
    if (!editor.isEditable()) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const selection = captureSelection(editor);
    setLink({ url: editor.getEditorState().read(() => $readSelectionFormat().link), selection, returnTo });
  }, [editor]);

  const closeLink = useCallback(() => {
    const returnTo = link?.returnTo ?? null;
    setLink(null);
    if (returnTo === null || returnTo === editor.getRootElement()) editor.focus();
    else returnTo.focus();
  }, [editor, link]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // From the title or the side panel too, not only from the body (which handles it in ShortcutsPlugin).
    if (!event.defaultPrevented && matchesCombo(event.nativeEvent, shortcutTable.toolbar)) {
      event.preventDefault();
      focusToolbar();
    }
  };

  return (
    <div className="ens-editor" onKeyDown={onKeyDown}>
      <div className="ens-editor__top">
        <span className="ens-editor__links">
          <a href={boot.viewUrl}>{t('editor.view')}</a>
          <a href={`${boot.viewUrl}/history`}>{t('page.history')}</a>
        </span>
        <ConnectionStatus state={connection} t={t} readOnly={readOnly} />
      </div>
      <RefusalNotice state={connection} t={t} signInUrl={boot.signInUrl} />
      <div className="ens-editor__layout">
        <div className={entry ? 'ens-editor__main ens-editor__main--entry' : 'ens-editor__main'}>
          <TitleField
            t={t}
            doc={doc}
            ready={ready}
            readOnly={refused || readOnly}
            initialTitle={boot.title}
            onTitleChange={onTitleChange}
          />
          {entry && doc && (
            <EntryForm t={t} locale={boot.locale} doc={doc} choices={entry} live={ready} readOnly={refused || readOnly} />
          )}
          {!readOnly && (
            <Toolbar
              editor={editor}
              t={t}
              id={toolbarId}
              bodyId={bodyId}
              linkOpen={link !== null}
              onOpenLink={openLink}
              onReturnToText={returnToText}
            />
          )}
          {link && !readOnly && (
            <LinkDialog
              t={t}
              currentUrl={link.url}
              onApply={(url) => {
                applyLink(editor, link.selection, url);
                closeLink();
              }}
              onRemove={() => {
                removeLink(editor, link.selection);
                closeLink();
              }}
              onClose={closeLink}
            />
          )}
          <div className="ens-editor__surface" ref={cursorsContainerRef}>
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  id={bodyId}
                  className="ens-editable ens-content"
                  aria-label={t('editor.bodyLabel')}
                  aria-describedby={helpId}
                  aria-placeholder={t('editor.placeholder')}
                  // Only an editable body invites writing; a refused or loading one stays silent.
                  placeholder={(editable) =>
                    editable ? <p className="ens-body__placeholder">{t('editor.placeholder')}</p> : null
                  }
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>
          <details className="ens-shortcuts">
            <summary>{t('editor.shortcuts')}</summary>
            <p id={helpId}>{t('editor.shortcutsHelp')}</p>
          </details>
        </div>
        <aside className="ens-editor__side" aria-labelledby={presenceHeadingId}>
          <h2 id={presenceHeadingId} className="ens-editor__side-heading">
            {t('editor.presence')}
          </h2>
          <PresenceList people={people} t={t} />
        </aside>
      </div>
      {collaboration}
      <ListPlugin />
      <LinkPlugin validateUrl={isAllowedHref} />
      <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasHorizontalScroll />
      <MarkdownShortcutPlugin transformers={markdownTransformers} />
      <ShortcutsPlugin onOpenLink={openLink} onFocusToolbar={focusToolbar} />
      <WikiLinkPlugin t={t} />
    </div>
  );
}
