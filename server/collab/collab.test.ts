// The live-sync server against stock WebsocketProvider clients editing through headless Lexical.
// Every client signs in with an editor's API token and publishes presence under that account's name.
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { loadStoredState } from './storedState.js';
import { renderPageState } from '../render/pageRenderer.js';

let server: TestServer;
const clients: LexicalClient[] = [];
const client = (pageId: string, as: TestAccount = server.accounts.editor) => {
  const c = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  clients.push(c);
  return c;
};

beforeEach(async () => {
  server = await startTestServer({
    collab: { evictIdleAfterMs: 100, compactAfterUpdates: 20 },
    render: { debounceMs: 50, maxWaitMs: 200 },
  });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
});

function rawSocket(pageId: string, as: TestAccount = server.accounts.editor): Promise<{ socket: WebSocket; messages: Uint8Array[]; closed: Promise<number> }> {
  const socket = new WebSocket(`${server.collabUrl}/${pageId}`, { headers: { authorization: as.bearer } });
  const messages: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, closed }));
    socket.once('error', reject);
  });
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function isDocUpdate(message: Uint8Array): boolean {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate;
}

describe('live sync', () => {
  test('two stock clients editing through Lexical converge, and the API then shows their text and html', async () => {
    const page = await createPage(server, { title: 'Plan de justification' });
    const alice = client(page.id);
    const bob = client(page.id, server.accounts.admin);
    await Promise.all([alice.synced, bob.synced]);
    expect(alice.title()).toBe('Plan de justification');

    alice.appendParagraph('Purpose of the wiki pilot.');
    bob.appendParagraph('Benefits for the team.');
    for (let i = 0; i < 5; i++) {
      alice.typeAtEnd(` a${i}`);
      bob.typeAtEnd(` b${i}`);
    }
    await waitFor(() => [alice.text(), bob.text()], ([a, b]) => a === b && a.includes('a4') && a.includes('b4'), 5000, 'convergence');
    const finalText = alice.text();

    const stored = await waitFor(() => getPage(server, page.id), (p) => p.text === finalText, 5000, 'rendered text');
    expect(stored.html).toContain('Purpose of the wiki pilot.');
    expect(stored.html).toContain('Benefits for the team.');
    expect(stored.html).not.toContain('<script');
  });

  test('the live title is stored as the page title once edits settle', async () => {
    const page = await createPage(server, { title: 'Draft' });
    const alice = client(page.id);
    await alice.synced;
    alice.doc.getText('title').insert(5, ' – meeting plan');
    const stored = await waitFor(() => getPage(server, page.id), (p) => p.title === 'Draft – meeting plan', 5000, 'title');
    expect(stored.title).toBe('Draft – meeting plan');
  });

  test('awareness: each client sees the other’s account name', async () => {
    const page = await createPage(server, { title: 'Presence' });
    const alice = client(page.id, await server.createAccount('alice', 'editor'));
    const bob = client(page.id, await server.createAccount('bob', 'editor'));
    await Promise.all([alice.synced, bob.synced]);
    const names = (c: LexicalClient) => [...c.provider.awareness.getStates().values()].map((s) => s.name).sort();
    await waitFor(() => names(alice), (n) => n.join() === 'Alice Test,Bob Test', 3000, 'alice sees bob');
    await waitFor(() => names(bob), (n) => n.join() === 'Alice Test,Bob Test', 3000, 'bob sees alice');
    bob.destroy();
    await waitFor(() => names(alice), (n) => n.join() === 'Alice Test', 3000, 'bob leaves');
  });

  test('an unknown page is refused with close code 4404', async () => {
    const ghost = client('nosuchpage000');
    await waitFor(() => ghost.closeCodes, (codes) => codes.length > 0, 3000, 'close');
    expect(ghost.closeCodes[0]).toBe(4404);
    // 4404 is in the 4400-4499 range, so the stock client stops reconnecting.
    expect(ghost.provider.shouldConnect).toBe(false);
  });

  test('an update is not echoed to its sender but reaches everyone else', async () => {
    const page = await createPage(server, { title: 'Echo' });
    const a = await rawSocket(page.id);
    const b = await rawSocket(page.id);
    await waitFor(() => a.messages.length + b.messages.length, (n) => n >= 2, 2000, 'sync step 1 from server');

    const doc = new Y.Doc();
    doc.getText('scratch').insert(0, 'hello');
    const before = a.messages.length;
    a.socket.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => b.messages.filter(isDocUpdate).length, (n) => n === 1, 2000, 'b receives the update');
    // The server answers in the same flush turn for every socket: once b has it, a would have it too.
    await new Promise((r) => setTimeout(r, 100));
    expect(a.messages.slice(before).filter(isDocUpdate)).toHaveLength(0);
    a.socket.close();
    b.socket.close();
  });

  test('when several people type in the same turn, each gets the others’ edits and never their own', async () => {
    const page = await createPage(server, { title: 'Many senders' });
    const sockets = await Promise.all([0, 1, 2, 3].map(() => rawSocket(page.id)));
    const docs = sockets.map((_, i) => {
      const doc = new Y.Doc();
      doc.getText('scratch').insert(0, `from ${i}`);
      return doc;
    });
    // Sent back to back, so they usually land in one flush turn.
    sockets.forEach((s, i) => s.socket.send(syncUpdateMessage(Y.encodeStateAsUpdate(docs[i]))));
    const clientsSeenBy = (i: number) => {
      const seen = new Set<number>();
      for (const message of sockets[i].messages.filter(isDocUpdate)) {
        const decoder = decoding.createDecoder(message);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        for (const struct of Y.decodeUpdate(decoding.readVarUint8Array(decoder)).structs) seen.add(struct.id.client);
      }
      return seen;
    };
    for (let i = 0; i < sockets.length; i++) {
      const others = docs.filter((_, j) => j !== i).map((d) => d.clientID);
      const seen = await waitFor(() => clientsSeenBy(i), (ids) => others.every((id) => ids.has(id)), 2000, `socket ${i} sees the others`);
      expect(seen.has(docs[i].clientID)).toBe(false);
    }
    sockets.forEach((s) => s.socket.close());
  });

  test('a socket that publishes presence for many client ids is closed, others stay', async () => {
    const page = await createPage(server, { title: 'Many ids' });
    const honest = client(page.id, server.accounts.admin);
    await honest.synced;
    const attacker = await rawSocket(page.id);
    // An awareness update (y-protocols format) claiming 20 client ids at once, each under the right name.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 20);
    for (let id = 1; id <= 20; id++) {
      encoding.writeVarUint(encoder, id);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, JSON.stringify({ name: server.accounts.editor.displayName, ghost: id }));
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(encoder));
    attacker.socket.send(encoding.toUint8Array(message));
    expect(await attacker.closed).toBe(4400);
    const ghosts = () => [...honest.provider.awareness.getStates().values()].filter((s) => 'ghost' in s);
    // Refused before it was applied, so nobody ever saw the ghosts.
    await new Promise((r) => setTimeout(r, 100));
    expect(ghosts()).toEqual([]);
    honest.typeAtEnd('still syncing');
    expect(honest.closeCodes).toEqual([]);
  });

  test('updates are stored before anyone receives them', async () => {
    const page = await createPage(server, { title: 'Durable' });
    const a = await rawSocket(page.id);
    const b = await rawSocket(page.id);
    const doc = new Y.Doc();
    doc.getText('scratch').insert(0, 'persisted first');
    let storedWhenReceived: string | null = null;
    b.socket.on('message', (data: Buffer) => {
      if (storedWhenReceived === null && isDocUpdate(new Uint8Array(data))) {
        // Read the database file the moment the broadcast arrives.
        const check = new Y.Doc();
        Y.applyUpdate(check, loadStoredState(server.app.services.updateLog, page.id));
        storedWhenReceived = check.getText('scratch').toString();
      }
    });
    a.socket.send(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
    await waitFor(() => storedWhenReceived, (v) => v !== null, 2000, 'broadcast');
    expect(storedWhenReceived).toBe('persisted first');
    a.socket.close();
    b.socket.close();
  });
});

describe('storage failure', () => {
  test('an update that cannot be stored reaches nobody, and is stored once storage returns', async () => {
    const page = await createPage(server, { title: 'Disk trouble' });
    const alice = client(page.id);
    const bob = client(page.id, server.accounts.admin);
    await Promise.all([alice.synced, bob.synced]);

    const db = server.app.services.db;
    db.pragma('query_only = ON'); // every write now fails inside SQLite, as on a full or read-only disk
    alice.typeAtEnd('written while the disk refuses');
    await waitFor(() => [alice.closeCodes, bob.closeCodes], ([a, b]) => a.includes(1011) && b.includes(1011), 3000, 'both closed with 1011');
    expect(bob.text()).not.toContain('written while the disk refuses');

    db.pragma('query_only = OFF');
    // 1011 lets the stock client reconnect; Alice still holds her edit and sends it again on sync.
    await waitFor(() => bob.text(), (t) => t.includes('written while the disk refuses'), 10_000, 'bob receives it after recovery');
    await waitFor(() => loadStoredText(page.id), (t) => t.includes('written while the disk refuses'), 3000, 'stored');
  });
});

describe('memory and storage', () => {
  test('a page leaves memory once its clients leave, and reloads identical', async () => {
    const page = await createPage(server, { title: 'Evict me' });
    const alice = client(page.id);
    await alice.synced;
    for (let i = 0; i < 30; i++) alice.typeAtEnd(`word${i} `);
    const expected = alice.text();
    const expectedState = Y.encodeStateVector(alice.doc);
    await waitFor(() => loadStoredText(page.id), (t) => t.includes('word29'), 3000, 'stored');
    alice.destroy();
    await waitFor(() => server.app.services.hub.isOpen(page.id), (open) => !open, 3000, 'eviction');

    const again = client(page.id);
    await again.synced;
    expect(again.text()).toBe(expected);
    expect(Buffer.from(Y.encodeStateVector(again.doc))).toEqual(Buffer.from(expectedState));
  });

  test('the update log is compacted and the content is unchanged', async () => {
    const page = await createPage(server, { title: 'Compact' });
    const alice = client(page.id);
    await alice.synced;
    for (let i = 0; i < 60; i++) {
      alice.typeAtEnd(`w${i} `);
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => loadStoredText(page.id), (t) => t.includes('w59'), 3000, 'stored');
    const rows = server.app.services.db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck().get(page.id) as number;
    expect(rows).toBeLessThan(20);
    expect(loadStoredText(page.id)).toBe(alice.text());
  });

  test('a client reconnecting while its page is evicted loses nothing', async () => {
    const page = await createPage(server, { title: 'Reconnect' });
    for (let round = 0; round < 5; round++) {
      const c = client(page.id);
      await c.synced;
      c.typeAtEnd(`round${round} `);
      await waitFor(() => loadStoredText(page.id), (t) => t.includes(`round${round}`), 3000, 'stored');
      c.destroy();
      // Reconnect around the eviction deadline (evictIdleAfterMs = 100).
      await new Promise((r) => setTimeout(r, 80 + round * 10));
    }
    const last = client(page.id);
    await last.synced;
    for (let round = 0; round < 5; round++) expect(last.text()).toContain(`round${round}`);
  });
});

/** The Lexical text of what is stored for a page, read with the server's own renderer. */
function loadStoredText(pageId: string): string {
  return renderPageState(loadStoredState(server.app.services.updateLog, pageId)).text;
}
