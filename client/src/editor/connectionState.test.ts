// The connection line shown to the person, from the provider's status and close events.
import { nextConnectionState, type ConnectionEvent, type ConnectionState } from './connectionState.js';

const run = (events: ConnectionEvent[]): ConnectionState =>
  events.reduce<ConnectionState>(nextConnectionState, { kind: 'connecting' });

describe('connection state', () => {
  it('reads connected once the socket opens', () => {
    expect(run([{ type: 'status', status: 'connecting' }, { type: 'status', status: 'connected' }])).toEqual({ kind: 'connected' });
  });

  it('stays offline while the provider retries, instead of flickering back to connecting', () => {
    expect(
      run([
        { type: 'status', status: 'connected' },
        { type: 'close', code: 1006 },
        { type: 'status', status: 'disconnected' },
        { type: 'status', status: 'connecting' },
      ]),
    ).toEqual({ kind: 'disconnected' });
  });

  it('treats 4401, 4403 and 4404 as a final refusal', () => {
    for (const code of [4401, 4403, 4404]) {
      expect(run([{ type: 'close', code }, { type: 'status', status: 'disconnected' }])).toEqual({ kind: 'refused', code });
    }
  });

  it('does not announce "offline" when the page reconnects by itself', () => {
    expect(
      run([
        { type: 'status', status: 'connected' },
        { type: 'close', code: null },
        { type: 'status', status: 'disconnected' },
        { type: 'status', status: 'connecting' },
      ]),
    ).toEqual({ kind: 'connected' });
  });

  it('explains a socket closed for sending too fast (1008), then reads connected once the provider is back', () => {
    expect(run([{ type: 'status', status: 'connected' }, { type: 'close', code: 1008 }, { type: 'status', status: 'disconnected' }])).toEqual({
      kind: 'throttled',
    });
    expect(run([{ type: 'close', code: 1008 }, { type: 'status', status: 'connecting' }, { type: 'status', status: 'connected' }])).toEqual({
      kind: 'connected',
    });
  });

  it('reads offline when the browser loses the network, then connected when the socket is back', () => {
    expect(run([{ type: 'status', status: 'connected' }, { type: 'offline' }])).toEqual({ kind: 'disconnected' });
    expect(run([{ type: 'offline' }, { type: 'status', status: 'connecting' }, { type: 'status', status: 'connected' }])).toEqual({
      kind: 'connected',
    });
  });
});
