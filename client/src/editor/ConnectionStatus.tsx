// The connection line (the page's one polite live region) and, when the server refuses the page, a GCDS
// notice saying why, with a way to sign in again when the session ended. A read-only view says so in the
// same live region, so the change is announced once, whether it is known at load or arrives mid-edit.
// The dot is decoration only: the words carry the state.
import { GcdsNotice } from '@gcds-core/components-react';
import type { Translate } from '../../../shared/i18n/index.js';
import { CloseCode } from '../../../shared/collabProtocol.js';
import { refusalReasonKey, type ConnectionState } from './connectionState.js';

export function connectionMessage(state: ConnectionState, t: Translate, readOnly = false): string {
  switch (state.kind) {
    case 'connected':
      return t(readOnly ? 'status.connectedReadOnly' : 'status.connected');
    case 'connecting':
      return t('status.connecting');
    case 'disconnected':
      return t('status.disconnected');
    case 'throttled':
      return t('status.rateLimited');
    case 'refused':
      return t('status.refused', { reason: t(refusalReasonKey(state.code), { code: state.code }) });
  }
}

interface StatusProps {
  state: ConnectionState;
  t: Translate;
  /** The person may read but not edit (their role, or the server's word on this socket). */
  readOnly: boolean;
}

export function ConnectionStatus({ state, t, readOnly }: StatusProps) {
  // Once refused, the refusal is the whole story; "read only" would contradict it.
  const showReadOnly = readOnly && state.kind !== 'refused';
  return (
    <div className={`ens-status ens-status--${state.kind}`} role="status" aria-live="polite">
      <span className="ens-status__dot" aria-hidden="true" />
      <span className="ens-status__text">
        {showReadOnly && <strong className="ens-status__readonly">{t('status.readOnly')} </strong>}
        {connectionMessage(state, t, readOnly)}
      </span>
    </div>
  );
}

export function RefusalNotice({ state, t, signInUrl }: { state: ConnectionState; t: Translate; signInUrl: string }) {
  if (state.kind !== 'refused') return null;
  return (
    <GcdsNotice className="ens-refusal" noticeRole="danger" noticeTitle={t('status.refusedTitle')} noticeTitleTag="h2">
      <p>{connectionMessage(state, t)}</p>
      {state.code === CloseCode.Unauthorized.code && (
        <p>
          <a href={signInUrl}>{t('status.signIn')}</a>
        </p>
      )}
    </GcdsNotice>
  );
}
