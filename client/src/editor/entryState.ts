// Whether the page's Y.Doc is a catalogue entry, and the raw choice values of its Y.Map `entry`, as React state
// that follows the doc: the map arrives with the first sync (or the offline copy), and co-editors change it.
// Values are raw (whatever a writer put there): the form validates them before showing them.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { CHOICE_FIELDS, type ChoiceField } from '../../../shared/catalogue/fields.js';
import { ENTRY_MAP, isEntryDoc, writeEntryFields } from '../../../shared/catalogue/entryDoc.js';
import type { EntryFields } from '../../../shared/catalogue/fields.js';

export type EntryChoices = Readonly<Record<ChoiceField, unknown>>;

function readChoices(doc: Y.Doc): EntryChoices | null {
  if (!isEntryDoc(doc)) return null;
  const map = doc.getMap<unknown>(ENTRY_MAP);
  return Object.fromEntries(CHOICE_FIELDS.map((field) => [field, map.get(field)])) as EntryChoices;
}

/**
 * The entry's choice values, or null while the doc is not (or not yet) an entry. The snapshot object only
 * changes when a value does, so typing in the body re-renders nothing.
 */
export function useEntryChoices(doc: Y.Doc | null): EntryChoices | null {
  const last = useRef<{ key: string; value: EntryChoices | null }>({ key: 'null', value: null });

  const subscribe = useCallback(
    (notify: () => void) => {
      if (!doc) return () => undefined;
      // Any update may create the map (first sync) or change it; reading it back is a handful of lookups.
      doc.on('update', notify);
      return () => doc.off('update', notify);
    },
    [doc],
  );

  const getSnapshot = useCallback(() => {
    const value = doc ? readChoices(doc) : null;
    const key = JSON.stringify(value);
    if (key !== last.current.key) last.current = { key, value };
    return last.current.value;
  }, [doc]);

  return useSyncExternalStore(subscribe, getSnapshot);
}

/** Writes one validated choice value (null or an empty list removes it), as one transaction. */
export function writeChoice<F extends ChoiceField>(doc: Y.Doc, field: F, value: EntryFields[F]): void {
  writeEntryFields(doc, { [field]: value } as Partial<EntryFields>);
}
