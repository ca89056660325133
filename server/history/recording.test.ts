// Revisions recorded from live editing, on a real server with stock y-websocket clients and a clock the
// tests move by hand: each cut rule, authors and their changes, exact states at every boundary,
// attribution by client id, restore as a forward edit, and recovery of changes a process left uncut.
import * as Y from 'yjs';
import { $getRoot, $isTextNode } from 'lexical';
import { WebsocketProvider } from 'y-websocket';
import { connectLexicalClient, webSocketWithHeaders, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { ManualClock } from '../../tests/helpers/manualClock.js';
import { createPage, getPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import { CloseCode } from '../../shared/collabProtocol.js';
import { renderPageState } from '../render/pageRenderer.js';
import { loadStoredState } from '../collab/storedState.js';
import { defaults } from '../plugins/config.js';

const { quietMs, leaveGraceMs, maxIntervalMs } = defaults.history;

let server: TestServer;
let clock: ManualClock;
let alice: TestAccount;
const clients: LexicalClient[] = [];

beforeAll(async () => {
  clock = new ManualClock();
  // Pages stay in memory through each test: eviction has a rule of its own (tested below).
  server = await startTestServer({ collab: { evictIdleAfterMs: 60_000, compactAfterUpdates: 20 } }, undefined, { clock });
  alice = await server.createAccount('alice', 'editor');
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server.close();
});

const history = () => server.app.services.history;
const version = (pageId: string) => server.app.services.db.prepare('SELECT version FROM pages WHERE id = ?').pluck().get(pageId) as number;
const revisions = (pageId: string) => history().list(pageId, { limit: 200 }).items;

async function open(pageId: string, account: TestAccount = server.accounts.editor): Promise<LexicalClient> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: account.bearer, displayName: account.displayName });
  clients.push(client);
  await client.synced;
  return client;
}

/** Types and waits until the server has committed it. */
async function type(client: LexicalClient, pageId: string, text: string): Promise<void> {
  const before = version(pageId);
  client.typeAtEnd(text);
  await waitFor(() => version(pageId), (v) => v > before, 5000, `commit of "${text}"`);
}

function loadStoredTitle(pageId: string): string {
  return renderPageState(loadStoredState(server.app.services.updateLog, pageId)).title;
}

function storedText(pageId: string): string {
  return renderPageState(loadStoredState(server.app.services.updateLog, pageId)).text;
}

describe('revisions are cut by each rule', () => {
  test('a new page has a first revision credited to its creator', async () => {
    const page = await createPage(server, { title: 'Created' });
    const [first] = revisions(page.id);
    expect(first).toMatchObject({ number: 1, trigger: 'created' });
    expect(first.authors.map((a) => a.username)).toEqual(['editor']);
    expect((await history().get(page.id, 1))!.title).toBe('Created');
  });

  test('a quiet spell cuts a revision, and not a moment before', async () => {
    const page = await createPage(server, { title: 'Quiet' });
    const client = await open(page.id);
    await type(client, page.id, 'Hello there');
    clock.advance(quietMs - 1);
    expect(revisions(page.id)).toHaveLength(1);
    clock.advance(1);
    const [latest] = revisions(page.id);
    expect(latest).toMatchObject({ number: 2, trigger: 'quiet' });
    expect(latest.authors).toEqual([expect.objectContaining({ username: 'editor', deleted: 0 })]);
    expect(latest.authors[0].inserted).toBeGreaterThanOrEqual('Hello there'.length);
  });

  test('the last editor leaving cuts a revision after the grace period; coming back in time does not', async () => {
    const page = await createPage(server, { title: 'Leaving' });
    const first = await open(page.id);
    await type(first, page.id, 'reload soon');
    first.destroy();
    await waitFor(() => server.app.services.hub.getStats().connections, (n) => n === 0, 5000, 'disconnect');
    clock.advance(leaveGraceMs / 2);
    const again = await open(page.id);
    clock.advance(leaveGraceMs);
    expect(revisions(page.id)).toHaveLength(1);

    await type(again, page.id, ' and leave');
    again.destroy();
    await waitFor(() => server.app.services.hub.getStats().connections, (n) => n === 0, 5000, 'disconnect');
    clock.advance(leaveGraceMs);
    const [latest] = revisions(page.id);
    expect(latest).toMatchObject({ number: 2, trigger: 'left' });
    expect((await history().get(page.id, 2))!.text).toContain('reload soon and leave');
  });

  test('a session that never goes quiet is still cut at the maximum interval', async () => {
    const page = await createPage(server, { title: 'Long session' });
    const client = await open(page.id);
    const step = quietMs - 1000;
    let elapsed = 0;
    while (elapsed + step < maxIntervalMs) {
      await type(client, page.id, `w${elapsed} `);
      clock.advance(step);
      elapsed += step;
      expect(revisions(page.id)).toHaveLength(1);
    }
    await type(client, page.id, 'last ');
    clock.advance(maxIntervalMs - elapsed);
    const [latest] = revisions(page.id);
    expect(latest).toMatchObject({ number: 2, trigger: 'interval' });
  });

  test('a cut takes everything pending, and a second cut with nothing new records nothing', async () => {
    const page = await createPage(server, { title: 'Evicted' });
    const client = await open(page.id);
    await type(client, page.id, 'before eviction');
    client.destroy();
    await waitFor(() => server.app.services.hub.getStats().connections, (n) => n === 0, 5000, 'disconnect');
    history().recorder.cut(page.id, 'left');
    expect(revisions(page.id)[0]).toMatchObject({ number: 2, trigger: 'left' });
    // Nothing new: a second cut records nothing.
    expect(history().recorder.cut(page.id, 'left')).toBeNull();
  });
});

describe('authors', () => {
  test('two accounts editing at once are each credited with what they inserted and deleted', async () => {
    const page = await createPage(server, { title: 'Together' });
    const mine = await open(page.id);
    const hers = await open(page.id, alice);
    const before = version(page.id);
    for (let i = 0; i < 10; i++) {
      mine.typeAtEnd(`e${i} `);
      hers.typeAtEnd(`a${i} `);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => storedText(page.id), (t) => t.includes('e9') && t.includes('a9'), 5000, 'both stored');
    expect(version(page.id)).toBeGreaterThan(before);
    await waitFor(() => hers.text(), (t) => t.includes('e9'), 5000, 'alice sees everything');
    // Alice deletes three characters of the paragraph's text.
    const deleteVersion = version(page.id);
    hers.editor.update(
      () => {
        const last = $getRoot().getLastDescendant();
        if ($isTextNode(last)) last.spliceText(0, 3, '', false);
      },
      { discrete: true },
    );
    await waitFor(() => version(page.id), (v) => v > deleteVersion, 5000, 'deletion stored');
    clock.advance(quietMs);
    const [latest] = revisions(page.id);
    const byName = Object.fromEntries(latest.authors.map((a) => [a.username, a]));
    expect(Object.keys(byName).sort()).toEqual(['alice', 'editor']);
    expect(byName.editor.inserted).toBeGreaterThanOrEqual(30);
    expect(byName.alice.inserted).toBeGreaterThanOrEqual(30);
    expect(byName.alice.deleted).toBe(3);
    expect(byName.editor.deleted).toBe(0);
  });

  test('ten accounts writing and deleting in the same moments are each credited exactly', async () => {
    const page = await createPage(server, { title: 'Crowd' });
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => server.createAccount(`crowd${i}`, 'editor')));
    const docs = people.map(() => new Y.Doc());
    const providers = people.map(
      (person, i) =>
        new WebsocketProvider(server.collabUrl, page.id, docs[i], { WebSocketPolyfill: webSocketWithHeaders({ authorization: person.bearer }), disableBc: true }),
    );
    try {
      await waitFor(() => providers.every((p) => p.synced), (all) => all, 5000, 'all synced');
      const words = people.map((_, i) => `word${i}x`);
      // All at once: past eight senders in one turn, the server applies them in one shared transaction.
      docs.forEach((doc, i) => doc.getText('title').insert(0, words[i]));
      await waitFor(() => docs.map((d) => d.getText('title').length), (lengths) => lengths.every((n) => n === words.join('').length + 'Crowd'.length), 5000, 'everyone has every word');
      // Each deletes the word of the next person, again all at once.
      docs.forEach((doc, i) => {
        const title = doc.getText('title');
        const target = words[(i + 1) % words.length];
        const at = title.toString().indexOf(target);
        title.delete(at, target.length);
      });
      await waitFor(() => loadStoredTitle(page.id), (t) => t === 'Crowd', 5000, 'every word deleted');
      clock.advance(quietMs);
      const [latest] = revisions(page.id);
      for (const [i, person] of people.entries()) {
        const author = latest.authors.find((a) => a.userId === person.id);
        expect(author).toMatchObject({ inserted: words[i].length, deleted: words[(i + 1) % words.length].length });
      }
    } finally {
      providers.forEach((p) => p.destroy());
      docs.forEach((d) => d.destroy());
    }
  });

  test('attribution maps each part of the text to the account that typed it', async () => {
    const page = await createPage(server, { title: 'Who wrote what' });
    const mine = await open(page.id);
    await type(mine, page.id, 'Written by the editor.');
    const hers = await open(page.id, alice);
    await waitFor(() => hers.text(), (t) => t.includes('editor.'), 5000, 'alice synced');
    hers.appendParagraph('Written by Alice.');
    await waitFor(() => storedText(page.id), (t) => t.includes('Alice.'), 5000, 'stored');
    const attribution = await history().attribution(page.id);
    const ownerOf = (fragment: string) => {
      for (const block of attribution.blocks) {
        for (const run of block.runs) if (run.text.includes(fragment)) return attribution.authors[run.author].username;
      }
      return undefined;
    };
    expect(ownerOf('Written by the editor.')).toBe('editor');
    expect(ownerOf('Written by Alice.')).toBe('alice');
    const alicesShare = attribution.authors.find((a) => a.username === 'alice')!;
    expect(alicesShare.characters).toBe('Written by Alice.'.length);
  });

  test('content written under another account’s client id is refused and changes nothing', async () => {
    const page = await createPage(server, { title: 'Forgery' });
    const mine = await open(page.id);
    await type(mine, page.id, 'genuine');
    const stolenId = mine.doc.clientID;
    mine.destroy();
    // Alice's stock client relays content forged under the editor's client id.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.collabUrl, page.id, doc, {
      WebSocketPolyfill: webSocketWithHeaders({ authorization: alice.bearer }),
      disableBc: true,
    });
    const closeCodes: number[] = [];
    provider.on('connection-close', (event: CloseEvent | null) => event && closeCodes.push(event.code));
    try {
      await waitFor(() => provider.synced, (synced) => synced, 5000, 'forger synced');
      const before = storedText(page.id);
      const forge = new Y.Doc();
      Y.applyUpdate(forge, Y.encodeStateAsUpdate(doc));
      forge.clientID = stolenId;
      const sv = Y.encodeStateVector(forge);
      forge.getText('title').insert(0, 'Forged ');
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(forge, sv));
      forge.destroy();
      await waitFor(() => closeCodes, (codes) => codes.includes(CloseCode.ForeignIdentity.code), 5000, 'refusal');
      expect(storedText(page.id)).toBe(before);
      expect(loadStoredTitle(page.id)).toBe('Forgery');
    } finally {
      provider.destroy();
      doc.destroy();
    }
  });
});

describe('exact states and restore', () => {
  test('every revision keeps its exact state while the log is compacted', async () => {
    const page = await createPage(server, { title: 'Exact' });
    const client = await open(page.id);
    const texts: string[] = [(await history().get(page.id, 1))!.text];
    for (let r = 0; r < 4; r++) {
      // More updates per revision than the compaction threshold (20).
      for (let i = 0; i < 25; i++) await type(client, page.id, `r${r}w${i} `);
      clock.advance(quietMs);
      texts.push(client.text());
    }
    expect(revisions(page.id).map((r) => r.number)).toEqual([5, 4, 3, 2, 1]);
    const rows = server.app.services.db.prepare('SELECT count(*) FROM page_updates WHERE page_id = ?').pluck().get(page.id) as number;
    expect(rows).toBeLessThanOrEqual(5);
    for (let n = 1; n <= 5; n++) {
      const revision = await history().get(page.id, n);
      expect(revision!.text).toBe(texts[n - 1]);
      const state = history().renderings.stateAt(page.id, server.app.services.db.prepare('SELECT boundary FROM page_revisions WHERE page_id = ? AND number = ?').pluck().get(page.id, n) as number);
      expect(renderPageState(state).text).toBe(texts[n - 1]);
    }
  });

  test('a restore reaches an open stock client at once, and the stored state is the old content', async () => {
    const page = await createPage(server, { title: 'Plan v1' });
    const writer = await open(page.id);
    const watcher = await open(page.id, alice);
    await type(writer, page.id, 'The budget is 5 dollars.');
    clock.advance(quietMs);
    const good = (await history().get(page.id, 2))!;
    writer.editor.update(
      () => {
        const last = $getRoot().getLastDescendant();
        if ($isTextNode(last)) last.setTextContent('The budget is 500 dollars, approved by nobody.');
      },
      { discrete: true },
    );
    writer.doc.getText('title').insert(writer.doc.getText('title').length, ' (draft)');
    await waitFor(() => storedText(page.id), (t) => t.includes('500'), 5000, 'bad edit stored');
    clock.advance(quietMs);

    const restored = await history().restore(page.id, 2, { userId: server.accounts.editor.id, displayName: server.accounts.editor.displayName });
    expect(restored).toMatchObject({ number: 4, trigger: 'restored', restoredFrom: 2 });
    expect(restored!.authors.map((a) => a.username)).toEqual(['editor']);
    await waitFor(() => watcher.text(), (t) => t === good.text, 5000, 'the watcher sees the restore');
    expect(watcher.title()).toBe('Plan v1');
    expect(storedText(page.id)).toBe(good.text);
    expect(renderPageState(loadStoredState(server.app.services.updateLog, page.id)).html).toBe(good.html);

    // Nobody's client undoes it: the next edit builds on the restored text.
    await type(watcher, page.id, ' Signed.');
    await waitFor(() => writer.text(), (t) => t.includes('5 dollars.') && t.includes('Signed.') && !t.includes('500'), 5000, 'writer converges');
    await waitFor(async () => (await getPage(server, page.id)).text, (t) => t.includes('Signed.'), 5000, 'page rendered');
  });

  test('changes left out of a revision by a stopped process become a recovered revision', async () => {
    const page = await createPage(server, { title: 'Recovered' });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loadStoredState(server.app.services.updateLog, page.id));
    const sv = Y.encodeStateVector(doc);
    doc.getText('title').insert(0, 'New ');
    // As if a process stored this update and died before any revision rule fired.
    server.app.services.updateLog.append([{ pageId: page.id, update: Y.encodeStateAsUpdate(doc, sv) }]);
    await history().recover();
    expect(revisions(page.id)[0]).toMatchObject({ number: 2, trigger: 'recovered' });
    expect((await history().get(page.id, 2))!.title).toBe('New Recovered');
  });
});
