// The connection line (a polite live region) and, when the server refuses the page, a GCDS notice saying why.
// The dot is decoration only: the words carry the state.
import { GcdsNotice } from '@gcds-core/components-react';
import type { Translate } from '../../../shared/i18n/index.js';
import { refusalReasonKey, type ConnectionState } from './connectionState.js';

export function connectionMessage(state: ConnectionState, t: Translate): string {
  switch (state.kind) {
    case 'connected':
      return t('status.connected');
    case 'connecting':
      return t('status.connecting');
    case 'disconnected':
      return t('status.disconnected');
    case 'refused':
      return t('status.refused', { reason: t(refusalReasonKey(state.code), { code: state.code }) });
  }
}

export function ConnectionStatus({ state, t }: { state: ConnectionState; t: Translate }) {
  return (
    <div className={`ens-status ens-status--${state.kind}`} role="status" aria-live="polite">
      <span className="ens-status__dot" aria-hidden="true" />
      <span className="ens-status__text">{connectionMessage(state, t)}</span>
    </div>
  );
}

export function RefusalNotice({ state, t }: { state: ConnectionState; t: Translate }) {
  if (state.kind !== 'refused') return null;
  return (
    <GcdsNotice className="ens-refusal" noticeRole="danger" noticeTitle={t('status.refusedTitle')} noticeTitleTag="h2">
      <p>{connectionMessage(state, t)}</p>
    </GcdsNotice>
  );
}
