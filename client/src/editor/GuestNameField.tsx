// "Your name": the guest's display name, committed on change (blur or Enter) rather than per keystroke,
// because each committed name republishes the awareness state to every co-editor.
import { useEffect, useState } from 'react';
import { GcdsInput } from '@gcds-core/components-react';
import type { Translate } from '../../../shared/i18n/index.js';
import { GUEST_NAME_MAX_LENGTH } from './guestIdentity.js';

interface GuestNameFieldProps {
  t: Translate;
  name: string;
  onCommit: (typed: string) => void;
}

export function GuestNameField({ t, name, onCommit }: GuestNameFieldProps) {
  const [draft, setDraft] = useState(name);
  // A cleared field falls back to "Guest N"; show what co-editors now see.
  useEffect(() => setDraft(name), [name]);
  return (
    <GcdsInput
      className="ens-guest-name"
      inputId="ensemble-guest-name"
      name="guestName"
      label={t('editor.yourName')}
      hint={t('editor.yourNameHint')}
      autocomplete="nickname"
      maxlength={GUEST_NAME_MAX_LENGTH}
      value={draft}
      onGcdsInput={(event) => setDraft(String(event.detail ?? ''))}
      onGcdsChange={(event) => {
        const typed = String(event.detail ?? '');
        onCommit(typed);
      }}
    />
  );
}
