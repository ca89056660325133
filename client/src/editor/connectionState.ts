// Turns the stock provider's status and close events into the one state the person needs to see.
// Once connected, a lost connection reads "offline" while the provider retries, not a flicker of "connecting".
// A socket closed for sending too fast (1008) says so while the provider reconnects after its back-off.
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../../shared/collabProtocol.js';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'throttled' }
  | { kind: 'refused'; code: number };

/** Close codes the stock provider treats as final: it stops reconnecting on 4400-4499. */
export function isRefusal(code: number): boolean {
  return code >= 4400 && code < 4500;
}

export type ConnectionEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'close'; code: number | null }
  | { type: 'offline' };

export function nextConnectionState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  // A refusal is final for this page load; later events are the socket winding down.
  if (state.kind === 'refused') return state;
  switch (event.type) {
    case 'status':
      if (event.status === 'connected') return { kind: 'connected' };
      // Every real loss is reported first by a close event with its code (below). A bare "disconnected" or
      // "connecting" with none follows the page closing the socket itself and reconnecting at once (the
      // collaboration plugin does so when it re-initialises): announcing "offline" then would be a false alarm.
      return state;
    case 'close':
      if (event.code === null) return state;
      if (isRefusal(event.code)) return { kind: 'refused', code: event.code };
      if (event.code === CloseCode.RateLimited.code) return { kind: 'throttled' };
      return { kind: 'disconnected' };
    case 'offline':
      return { kind: 'disconnected' };
  }
}

export function useConnectionState(provider: WebsocketProvider | null): ConnectionState {
  const [state, setState] = useState<ConnectionState>({ kind: 'connecting' });

  useEffect(() => {
    if (!provider) return;
    const apply = (event: ConnectionEvent) => setState((s) => nextConnectionState(s, event));
    if (provider.wsconnected) apply({ type: 'status', status: 'connected' });
    const onStatus = ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) =>
      apply({ type: 'status', status });
    const onClose = (event: CloseEvent | null) => apply({ type: 'close', code: event ? event.code : null });
    const onOffline = () => apply({ type: 'offline' });
    provider.on('status', onStatus);
    provider.on('connection-close', onClose);
    window.addEventListener('offline', onOffline);
    return () => {
      provider.off('status', onStatus);
      provider.off('connection-close', onClose);
      window.removeEventListener('offline', onOffline);
    };
  }, [provider]);

  return state;
}

/** Catalogue key explaining a refusal; the server's own reason text is English-only and not shown. */
export function refusalReasonKey(code: number) {
  switch (code) {
    case CloseCode.Unauthorized.code:
      return 'status.reasonUnauthorized' as const;
    case CloseCode.Forbidden.code:
      return 'status.reasonForbidden' as const;
    case CloseCode.PageNotFound.code:
      return 'status.reasonNotFound' as const;
    case CloseCode.BadMessage.code:
      return 'status.reasonBadMessage' as const;
    default:
      return 'status.reasonOther' as const;
  }
}
