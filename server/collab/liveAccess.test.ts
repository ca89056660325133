// Who may do what on the live channel: presence under one's own name and client id only, readers whose
// edits never reach the page, permission changes that reach open sockets at once, a per-socket message
// budget, and sockets refused when another site opens them. Stock WebsocketProvider clients and raw `ws`.
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { createPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { MessageType, READ_ONLY_REASON } from '../../shared/collabProtocol.js';
import { sha256 } from '../auth/passwords.js';
import { loadStoredState } from './storedState.js';
import { renderPageState } from '../render/pageRenderer.js';

const actor = { id: null, name: 'test', ip: null };

let server: TestServer;
const clients: LexicalClient[] = [];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  server = await startTestServer({ collab: { maxMessagesPerSecond: 50, messageBurst: 100 } });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
});

/**
 * A stock client signed in as `as` (null: anonymous), publishing `displayName` (the account's own unless
 * told otherwise). It records the server's permission-denied reasons.
 */
function client(pageId: string, as: TestAccount | null, auth: { displayName?: string; cookie?: boolean } = {}): LexicalClient & { deniedReasons: string[] } {
  const credential = as === null ? {} : auth.cookie ? { cookie: as.cookie } : { bearer: as.bearer };
  const c = connectLexicalClient(server.collabUrl, pageId, { ...credential, displayName: auth.displayName ?? as?.displayName });
  clients.push(c);
  // The socket opens after this turn, so the handler is in place before the server's first message.
  const deniedReasons: string[] = [];
  c.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) =>
    authProtocol.readAuthMessage(decoder, c.doc, (_doc, reason) => deniedReasons.push(reason));
  return Object.assign(c, { deniedReasons });
}

interface RawSocket {
  socket: WebSocket;
  opened: Promise<void>;
  closed: Promise<number>;
  messages: Uint8Array[];
}

function rawSocket(pageId: string, headers: Record<string, string>): RawSocket {
  const socket = new WebSocket(`${server.collabUrl}/${pageId}`, { headers });
  sockets.push(socket);
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  socket.on('error', () => {});
  return {
    socket,
    messages,
    opened: new Promise((resolve) => socket.once('open', () => resolve())),
    closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))),
  };
}

/** An awareness message (y-protocols format) with one entry. */
function awarenessMessage(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

const names = (c: LexicalClient) => [...c.provider.awareness.getStates().values()].map((s) => String(s.name)).sort();
const storedText = (pageId: string) => renderPageState(loadStoredState(server.app.services.updateLog, pageId)).text;
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

describe('presence identity', () => {
  test('presence under another name closes that socket with 4403, and the others stay connected', async () => {
    const page = await createPage(server, { title: 'Spoofed name' });
    const admin = client(page.id, server.accounts.admin);
    await admin.synced;
    const impostor = client(page.id, server.accounts.editor, { displayName: server.accounts.admin.displayName });
    await waitFor(() => impostor.closeCodes, (codes) => codes.length > 0, 3000, 'impostor closed');
    expect(impostor.closeCodes).toEqual([4403]);
    // 4403 is final for the stock client: it does not come back to try again.
    expect(impostor.provider.shouldConnect).toBe(false);

    const observer = client(page.id, server.accounts.reader);
    await observer.synced;
    await waitFor(() => names(observer), (n) => n.join() === 'Admin Test,Reader Test', 3000, 'observer sees the real people only');
    admin.typeAtEnd('still editing');
    await waitFor(() => observer.text(), (t) => t.includes('still editing'), 3000, 'edits still flow');
    expect(admin.closeCodes).toEqual([]);
    expect(observer.closeCodes).toEqual([]);
  });

  test('a tab opened before its account was renamed keeps its socket under the old name; another name is still refused', async () => {
    const page = await createPage(server, { title: 'Renamed while editing' });
    const renamed = await server.createAccount('renamed', 'editor');
    const observer = client(page.id, server.accounts.reader);
    await observer.synced;
    // The account is renamed while its tab is open; the tab reconnects still publishing the name it loaded with.
    server.app.services.users.setProfile(renamed.id, { displayName: 'Renée Nouveau' });
    const tab = client(page.id, renamed, { displayName: renamed.displayName });
    await tab.synced;
    await waitFor(() => names(observer), (n) => n.includes(renamed.displayName), 3000, 'the old name shown');
    tab.typeAtEnd('still me');
    await waitFor(() => observer.text(), (t) => t.includes('still me'), 3000, 'edits flow');
    expect(tab.closeCodes).toEqual([]);

    const impostor = client(page.id, renamed, { displayName: 'Admin Test' });
    await waitFor(() => impostor.closeCodes, (codes) => codes.length > 0, 3000, 'impostor closed');
    expect(impostor.closeCodes).toEqual([4403]);
  });

  test('presence for someone else’s client id is refused with 4403, and removing theirs is ignored', async () => {
    const page = await createPage(server, { title: 'Someone else’s id' });
    const admin = client(page.id, server.accounts.admin);
    const observer = client(page.id, server.accounts.reader);
    await Promise.all([admin.synced, observer.synced]);
    await waitFor(() => names(observer), (n) => n.includes('Admin Test'), 3000, 'admin present');
    const victim = admin.doc.clientID;
    const clock = () => admin.provider.awareness.meta.get(victim)!.clock;

    // Removing another person's presence: dropped, as a stale client timing them out would send it.
    const remover = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await remover.opened;
    remover.socket.send(awarenessMessage(victim, clock() + 1, null));
    await settle();
    expect(names(observer)).toContain('Admin Test');
    expect(remover.socket.readyState).toBe(WebSocket.OPEN);

    // Publishing under that id, even with one's own name: refused.
    const thief = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await thief.opened;
    thief.socket.send(awarenessMessage(victim, clock() + 5, { name: server.accounts.editor.displayName }));
    expect(await thief.closed).toBe(4403);
    await settle();
    expect(names(observer)).toEqual(['Admin Test', 'Reader Test']);
    expect(admin.closeCodes).toEqual([]);
  });

  test('the same account may publish its client id again from a new socket, as a reconnecting tab does', async () => {
    const page = await createPage(server, { title: 'Reconnecting tab' });
    const observer = client(page.id, server.accounts.reader);
    await observer.synced;
    const id = 424242;
    const name = server.accounts.editor.displayName;
    const tab = () => observer.provider.awareness.getStates().get(id)?.tab;
    const old = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await old.opened;
    old.socket.send(awarenessMessage(id, 1, { name, tab: 'old socket' }));
    await waitFor(tab, (t) => t === 'old socket', 3000, 'published');
    // The network dropped; the server has not noticed yet when the tab reconnects with the same client id.
    const again = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await again.opened;
    again.socket.send(awarenessMessage(id, 2, { name, tab: 'new socket' }));
    await waitFor(tab, (t) => t === 'new socket', 3000, 'republished');
    // When the old socket finally goes, it no longer takes the new socket's presence with it.
    old.socket.terminate();
    await old.closed;
    await settle();
    expect(tab()).toBe('new socket');
    expect(again.socket.readyState).toBe(WebSocket.OPEN);
  });

  test('presence without a name, as a stock provider never given one sends, is not relayed and keeps its socket', async () => {
    const page = await createPage(server, { title: 'Nameless' });
    const observer = client(page.id, server.accounts.reader);
    await observer.synced;
    const script = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await script.opened;
    // What the stock provider's 15 s renewal of its initial empty state looks like.
    script.socket.send(awarenessMessage(777001, 1, {}));
    script.socket.send(awarenessMessage(777002, 1, { cursor: null }));
    await settle();
    expect(observer.provider.awareness.getStates().has(777001)).toBe(false);
    expect(observer.provider.awareness.getStates().has(777002)).toBe(false);
    expect(script.socket.readyState).toBe(WebSocket.OPEN);
  });

  test('an anonymous reader’s presence is dropped without closing its socket', async () => {
    const page = await createPage(server, { title: 'Anonymous presence' });
    const editor = client(page.id, server.accounts.editor);
    await editor.synced;
    const anonymous = client(page.id, null, { displayName: 'Nobody' });
    await anonymous.synced;
    expect(anonymous.deniedReasons).toEqual([READ_ONLY_REASON]);
    await settle();
    expect(names(editor)).toEqual(['Editor Test']);
    expect(anonymous.closeCodes).toEqual([]);
  });
});

describe('readers', () => {
  test('a reader’s edits through a stock provider are dropped and never stored, and its socket stays open', async () => {
    const page = await createPage(server, { title: 'Read only' });
    const editor = client(page.id, server.accounts.editor);
    const reader = client(page.id, server.accounts.reader);
    await Promise.all([editor.synced, reader.synced]);
    expect(reader.deniedReasons).toEqual([READ_ONLY_REASON]);
    expect(editor.deniedReasons).toEqual([]);
    const before = storedText(page.id);
    const rows = () => server.app.services.db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck().get(page.id);
    const rowsBefore = rows();

    reader.appendParagraph('written by a reader');
    reader.doc.getText('title').insert(0, 'Hijacked: ');
    await settle(300);
    expect(storedText(page.id)).toBe(before);
    expect(rows()).toBe(rowsBefore);
    expect(editor.text()).not.toContain('written by a reader');
    expect(editor.title()).toBe('Read only');
    expect(reader.closeCodes).toEqual([]);
    expect(reader.provider.wsconnected).toBe(true);

    // The reader still receives what editors write.
    editor.typeAtEnd('from the editor');
    await waitFor(() => reader.text(), (t) => t.includes('from the editor'), 3000, 'reader follows');
  });

  test('a reader’s sync step 2, as a provider sends offline edits on reconnecting, is dropped too', async () => {
    const page = await createPage(server, { title: 'Offline reader' });
    const rowsBefore = server.app.services.db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck().get(page.id);
    const reader = rawSocket(page.id, { authorization: server.accounts.reader.bearer });
    await reader.opened;
    const offline = new Y.Doc();
    offline.getText('title').insert(0, 'Edited offline: ');
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MessageType.sync);
    syncProtocol.writeSyncStep2(step2, offline);
    reader.socket.send(encoding.toUint8Array(step2));
    await settle(300);
    expect(server.app.services.db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck().get(page.id)).toBe(rowsBefore);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, loadStoredState(server.app.services.updateLog, page.id));
    expect(stored.getText('title').toString()).toBe('Offline reader');
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);
    // Told once, on joining, that the socket is read-only.
    expect(reader.messages.filter((m) => m[0] === MessageType.auth)).toHaveLength(1);
  });

  test('an editor demoted to reader is downgraded in place: the socket stays and later edits are dropped', async () => {
    const page = await createPage(server, { title: 'Demotion' });
    const writer = await server.createAccount('writer', 'editor');
    const c = client(page.id, writer);
    const observer = client(page.id, server.accounts.admin);
    await Promise.all([c.synced, observer.synced]);
    c.typeAtEnd('before demotion');
    await waitFor(() => storedText(page.id), (t) => t.includes('before demotion'), 3000, 'stored while an editor');

    server.app.services.users.setRole(writer.id, 'reader', actor);
    await waitFor(() => c.deniedReasons, (r) => r.includes(READ_ONLY_REASON), 1000, 'told read-only');
    c.typeAtEnd(' after demotion');
    await settle(300);
    expect(storedText(page.id)).not.toContain('after demotion');
    expect(observer.text()).not.toContain('after demotion');
    expect(c.closeCodes).toEqual([]);
    expect(c.provider.wsconnected).toBe(true);
  });
});

describe('permission changes reach open sockets', () => {
  async function connectedAs(account: TestAccount, title: string, options: { cookie?: boolean; space?: string } = {}) {
    const page = await createPage(server, { title, ...(options.space ? { space: options.space } : {}) }, server.accounts.admin);
    const c = client(page.id, account, { cookie: options.cookie });
    await c.synced;
    return c;
  }

  test('disabling an account closes its sockets with 4401 within a second', async () => {
    const person = await server.createAccount('leaving', 'editor');
    const c = await connectedAs(person, 'Disabled');
    const started = Date.now();
    server.app.services.users.setDisabled(person.id, true, actor);
    await waitFor(() => c.closeCodes, (codes) => codes.length > 0, 1000, 'closed');
    expect(c.closeCodes).toEqual([4401]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('removing an account from the group that grants a restricted space closes its socket with 4403', async () => {
    const { groups, spaces } = server.app.services;
    const person = await server.createAccount('member', 'editor');
    const group = groups.create({ name: 'Policy team' }, actor);
    groups.addMember(group.id, person.id, actor);
    const space = spaces.create({ name: 'Policy', access: 'restricted', grants: [{ groupId: group.id, role: 'editor' }] }, actor);
    const c = await connectedAs(person, 'Restricted', { space: space.id });
    const bystander = await connectedAs(server.accounts.editor, 'Elsewhere');
    groups.removeMember(group.id, person.id, actor);
    await waitFor(() => c.closeCodes, (codes) => codes.length > 0, 1000, 'closed');
    expect(c.closeCodes).toEqual([4403]);
    expect(bystander.closeCodes).toEqual([]);
  });

  test('revoking the token a socket signed in with closes it with 4401', async () => {
    const person = await server.createAccount('scripted', 'editor');
    const c = await connectedAs(person, 'Token');
    const viaSession = await connectedAs(person, 'Session', { cookie: true });
    const { tokens } = server.app.services;
    tokens.revoke(tokens.listForUser(person.id)[0].id, actor);
    await waitFor(() => c.closeCodes, (codes) => codes.length > 0, 1000, 'closed');
    expect(c.closeCodes).toEqual([4401]);
    expect(viaSession.closeCodes).toEqual([]);
  });

  test('signing out closes the sockets of that session with 4401', async () => {
    const person = await server.createAccount('signingout', 'editor');
    const c = await connectedAs(person, 'Sign out', { cookie: true });
    server.app.services.sessions.destroy(sha256(person.sessionCookie));
    server.app.services.hub.revalidate(person.id);
    await waitFor(() => c.closeCodes, (codes) => codes.length > 0, 1000, 'closed');
    expect(c.closeCodes).toEqual([4401]);
  });
});

describe('abuse', () => {
  test('a socket over its message rate is closed with 1008, and only that socket', async () => {
    const page = await createPage(server, { title: 'Flood' });
    const honest = client(page.id, server.accounts.admin);
    await honest.synced;
    const flood = rawSocket(page.id, { authorization: server.accounts.editor.bearer });
    await flood.opened;
    // Query-awareness messages are valid and cheap: only their number is wrong.
    for (let i = 0; i < 300; i++) flood.socket.send(Uint8Array.of(MessageType.queryAwareness));
    expect(await flood.closed).toBe(1008);

    const other = client(page.id, server.accounts.reader);
    await other.synced;
    honest.typeAtEnd('after the flood');
    await waitFor(() => other.text(), (t) => t.includes('after the flood'), 3000, 'edits still flow');
    expect(honest.closeCodes).toEqual([]);
  });

  test('a socket opened from another site is refused with 4403, and one from this site is accepted', async () => {
    const page = await createPage(server, { title: 'Origins' });
    const cookie = server.accounts.editor.cookie;
    const foreign = rawSocket(page.id, { cookie, origin: 'https://intranet.example.org' });
    expect(await foreign.closed).toBe(4403);

    const own = rawSocket(page.id, { cookie, origin: server.url });
    await own.opened;
    await waitFor(() => own.messages.length, (n) => n > 0, 2000, 'sync step 1 from the server');
    // A writer: no read-only notice, and its update is stored.
    expect(own.messages.some((m) => m[0] === MessageType.auth)).toBe(false);
    const doc = new Y.Doc();
    doc.getText('scratch').insert(0, 'same origin');
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.sync);
    syncProtocol.writeUpdate(message, Y.encodeStateAsUpdate(doc));
    own.socket.send(encoding.toUint8Array(message));
    await waitFor(
      () => {
        const stored = new Y.Doc();
        Y.applyUpdate(stored, loadStoredState(server.app.services.updateLog, page.id));
        return stored.getText('scratch').toString();
      },
      (text) => text === 'same origin',
      2000,
      'stored',
    );
    expect(own.socket.readyState).toBe(WebSocket.OPEN);
  });
});
