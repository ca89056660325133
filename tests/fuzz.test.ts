// Thousands of random, truncated and text frames against one page. Each bad frame closes only its own
// socket; the process stays up and honest clients on the same page keep syncing. The attacker is a
// signed-in editor, whose frames the server reads in full (an anonymous reader's updates are dropped unread).
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createPage, getPage, startTestServer, waitFor, type TestServer } from './helpers/testServer.js';
import { connectLexicalClient, type LexicalClient } from './helpers/lexicalClient.js';

let server: TestServer;
let clients: LexicalClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ collab: { maxMessageBytes: 64 * 1024 } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** Deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText('fuzz').insert(0, 'some text');
  const update = Y.encodeStateAsUpdate(doc);
  const updateMsg = encoding.createEncoder();
  encoding.writeVarUint(updateMsg, 0);
  syncProtocol.writeUpdate(updateMsg, update);
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ name: 'fuzzer' });
  const aw = encoding.createEncoder();
  encoding.writeVarUint(aw, 1);
  encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return [encoding.toUint8Array(updateMsg), encoding.toUint8Array(step1), encoding.toUint8Array(aw)];
}

type Frame = { data: Uint8Array | string; binary: boolean };

function badFrame(random: () => number, templates: Uint8Array[]): Frame {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const template = pick(templates);
  switch (Math.floor(random() * 7)) {
    case 0: // random bytes
      return { data: Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)), binary: true };
    case 1: // a valid message cut short
      return { data: template.slice(0, Math.max(1, Math.floor(random() * (template.length - 1)))), binary: true };
    case 2: // a text frame
      return { data: 'hello ' + random(), binary: false };
    case 3: // unknown message type
      return { data: Uint8Array.of(7 + Math.floor(random() * 100), 0, 0), binary: true };
    case 4: // sync message with an unknown sub-type
      return { data: Uint8Array.of(0, 3 + Math.floor(random() * 100), 1, 0), binary: true };
    case 5: // a length prefix far larger than the frame
      return { data: Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3), binary: true };
    default: // awareness with a garbled JSON state
      return { data: Uint8Array.of(1, 8, 1, 5, 1, 4, 0x7b, 0x7b, 0x7b, 0x7b), binary: true };
  }
}

function sendAndAwaitClose(url: string, frame: Frame): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: server.accounts.editor.bearer } });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('server did not close a socket that sent a bad frame'));
    }, 5000);
    socket.on('open', () => socket.send(frame.data, { binary: frame.binary }));
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', () => {});
  });
}

test('bad frames close only their own socket, and honest clients keep syncing', async () => {
  const page = await createPage(server, { title: 'Fuzzed' });
  const { admin, editor } = server.accounts;
  const alice = connectLexicalClient(server.collabUrl, page.id, { bearer: admin.bearer, displayName: admin.displayName });
  const bob = connectLexicalClient(server.collabUrl, page.id, { bearer: editor.bearer, displayName: editor.displayName });
  clients.push(alice, bob);
  await Promise.all([alice.synced, bob.synced]);

  const random = prng(20261124);
  const templates = validMessages();
  const url = `${server.collabUrl}/${page.id}`;
  const total = 2000;
  const concurrency = 50;
  const codes = new Map<number, number>();
  for (let sent = 0; sent < total; sent += concurrency) {
    const batch = Array.from({ length: concurrency }, () => sendAndAwaitClose(url, badFrame(random, templates)));
    for (const code of await Promise.all(batch)) codes.set(code, (codes.get(code) ?? 0) + 1);
    // Honest traffic interleaves with the attack.
    alice.typeAtEnd(`a${sent} `);
  }
  expect([...codes.keys()].sort()).toEqual([1003, 4400]);

  // An oversized frame is refused by size.
  const oversized = await sendAndAwaitClose(url, { data: new Uint8Array(65 * 1024), binary: true });
  expect(oversized).toBe(1009);

  alice.typeAtEnd('still here');
  await waitFor(() => bob.text(), (t) => t.includes('still here') && t.includes(`a${total - concurrency}`), 5000, 'bob sees alice');
  expect(alice.closeCodes).toEqual([]);
  expect(bob.closeCodes).toEqual([]);
  const stored = await waitFor(() => getPage(server, page.id), (p) => p.text.includes('still here'), 5000, 'render');
  expect(stored.text).toContain('a0 ');
});
