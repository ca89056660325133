// Links between pages against a real server: what links here (API and page) for each kind of reader, counts
// included; red links for wanted and deleted pages, and a wanted page that gets created; where a red link leads;
// links added or removed by a stock y-websocket client showing up once the edit is rendered; and pages stored
// before the upgrade indexed on the first start after it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Window } from 'happy-dom';
import { $createTextNode, $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { $createLinkNode, $isLinkNode } from '@lexical/link';
import { connectLexicalClient } from '../../tests/helpers/lexicalClient.js';
import { apiCall, startTestServer, tempDataDir, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import fs from 'node:fs';
import path from 'node:path';
import { migrationsDir } from '../paths.js';
import { migrate, openDatabase } from '../plugins/db.js';
import { seedPageState, type SeedInline } from '../render/docSeeder.js';
import { renderPageState } from '../render/pageRenderer.js';

let server: TestServer;
let member: TestAccount;
let cabinet: { id: string };
const window = new Window();
const ids: Record<string, string> = {};

/** A page made on the server in the admin's name, with one paragraph. */
async function page(key: string, title: string, inlines: SeedInline[], spaceId = 'main') {
  const row = await server.app.services.pages.create({ title, blocks: [{ kind: 'paragraph', text: inlines }] }, { spaceId, userId: server.accounts.admin.id });
  ids[key] = row.id;
  return row;
}

const view = (url: string, as?: TestAccount | null, lang?: string) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}), ...(lang ? { 'accept-language': lang } : {}) } });

function parse(html: string) {
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return doc;
}

/** The links in the page body of a served page, with what a reader (and a screen reader) gets from each. */
async function bodyLinks(slug: string, as?: TestAccount | null) {
  const response = await view(`/wiki/${slug}`, as);
  expect(response.statusCode).toBe(200);
  return [...parse(response.body).querySelectorAll('.ens-content a')].map((a) => ({
    href: a.getAttribute('href'),
    text: a.textContent,
    missing: a.classList.contains('ens-link--missing'),
    hidden: a.querySelector('.visually-hidden')?.textContent ?? null,
  }));
}

const backlinks = (id: string, as: TestAccount | null) => apiCall(server, 'GET', `/pages/${id}/backlinks`, as);
const backlinkIds = async (id: string, as: TestAccount | null) => (await backlinks(id, as)).json().items.map((i: { id: string }) => i.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  const { admin } = server.accounts;
  member = await server.createAccount('member', 'editor');
  const group = (await apiCall(server, 'POST', '/groups', admin, { name: 'Cabinet team' })).json().id as string;
  await apiCall(server, 'PUT', `/groups/${group}/members/${member.id}`, admin);
  // Protected B with no access rule: restricted to the group.
  cabinet = (await apiCall(server, 'POST', '/spaces', admin, { name: 'Cabinet', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json();

  const budget = await page('budget', 'Budget 2026', ['The budget.']);
  await page('plan', 'Spending plan', ['See ', { text: 'the budget', url: `/p/${budget.id}` }, ' and ', { text: 'Travel rules', url: '/pages/new?title=Travel%20rules' }, '.']);
  await page('memo', 'Cabinet memo', ['Cuts to ', { text: 'Budget 2026', url: `/p/${budget.id}` }, '.'], cabinet.id);
  await page('byAddress', 'Address book', ['Also ', { text: 'budget', url: '/wiki/budget-2026' }, '.']);
});
afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

describe('what links here', () => {
  test('the API lists the pages that link to a page, by permanent link or address, with their space', async () => {
    const response = await backlinks(ids.budget, server.accounts.admin);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { title: string }) => i.title)).toEqual(['Address book', 'Cabinet memo', 'Spending plan']);
    expect(body.items[2]).toEqual({
      id: ids.plan,
      slug: 'Spending-plan',
      title: 'Spending plan',
      url: '/wiki/Spending-plan',
      space: expect.objectContaining({ id: 'main', classification: 'unclassified' }),
    });
    expect(body.items[1].space).toMatchObject({ id: cabinet.id, classification: 'protected-b' });
  });

  test('a Protected B source is neither listed nor counted for those who cannot read it', async () => {
    const open = [ids.byAddress, ids.plan].sort();
    for (const who of [null, server.accounts.reader, server.accounts.editor]) {
      const body = (await backlinks(ids.budget, who)).json();
      expect(body.items.map((i: { id: string }) => i.id).sort()).toEqual(open);
      expect(body.total).toBe(2);
    }
    expect((await backlinks(ids.budget, member)).json().total).toBe(3);
  });

  test('an unknown page is a 404, and an unreadable one answers as the page itself does', async () => {
    expect((await backlinks('nosuchpage12', server.accounts.admin)).statusCode).toBe(404);
    expect((await backlinks(ids.memo, null)).statusCode).toBe(401);
    expect((await backlinks(ids.memo, server.accounts.editor)).statusCode).toBe(404);
    expect((await backlinks(ids.memo, member)).json()).toEqual({ items: [], total: 0 });
    expect((await apiCall(server, 'GET', `/pages/${ids.budget}/backlinks?limit=1&offset=1`, server.accounts.admin)).json()).toMatchObject({
      items: [{ title: 'Cabinet memo' }],
      total: 3,
    });
    expect((await apiCall(server, 'GET', `/pages/${ids.budget}/backlinks?limit=0`, server.accounts.admin)).statusCode).toBe(400);
  });

  test('the page lists the sources a visitor may read, with their space and how many, and the page view links to it', async () => {
    const response = await view('/wiki/Budget-2026/links');
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('h1')?.textContent).toBe('What links to “Budget 2026”');
    const items = [...doc.querySelectorAll('main ul.page-list li')].map((li) => li.textContent);
    expect(items).toEqual(['Address book in Main', 'Spending plan in Main']);
    expect(response.body).not.toContain('Cabinet memo');
    expect(doc.querySelector('main')?.textContent).toContain('2 pages link here.');

    // Reached with another spelling of the address: sent to the page's own.
    expect((await view('/wiki/budget-2026/links', member)).headers.location).toBe('/wiki/Budget-2026/links');
    const memberItems = [...parse((await view('/wiki/Budget-2026/links', member)).body).querySelectorAll('main ul.page-list li a')];
    expect(memberItems.map((a) => a.textContent)).toEqual(['Address book', 'Cabinet memo', 'Spending plan']);

    const pageView = parse((await view('/wiki/Budget-2026')).body);
    expect(pageView.querySelector('.page__actions a[href="/wiki/Budget-2026/links"]')?.textContent).toBe('What links here');
  });

  test('the page speaks French, says when nothing links here, and refuses what it cannot show', async () => {
    const french = parse((await view('/wiki/Spending-plan/links', null, 'fr')).body);
    expect(french.documentElement.getAttribute('lang')).toBe('fr');
    expect(french.querySelector('h1')?.textContent).toBe('Pages qui mènent à « Spending plan »');
    expect(french.querySelector('main')?.textContent).toContain('Aucune page que vous pouvez lire ne contient de lien vers celle-ci.');
    expect((await view('/wiki/Nowhere/links')).statusCode).toBe(404);
    expect((await view('/wiki/Cabinet-memo/links')).statusCode).toBe(401);
    expect((await view('/wiki/Cabinet-memo/links', server.accounts.editor)).statusCode).toBe(404);
    expect((await view('/wiki/Budget-2026/links?page=0')).statusCode).toBe(400);
  });
});

describe('red links', () => {
  test('a link to a page that does not exist is red, says so in hidden text, and leads to its creation', async () => {
    const links = await bodyLinks('Spending-plan');
    expect(links).toEqual([
      { href: `/p/${ids.budget}`, text: 'the budget', missing: false, hidden: null },
      { href: '/pages/new?title=Travel%20rules', text: 'Travel rules (page does not exist — create it)', missing: true, hidden: ' (page does not exist — create it)' },
    ]);
    const french = parse((await view('/wiki/Spending-plan', null, 'fr')).body);
    expect(french.querySelector('a.ens-link--missing .visually-hidden')?.textContent).toBe(' (page inexistante — la créer)');
    // What is stored (and served by the API) stays as the renderer made it.
    expect((await apiCall(server, 'GET', `/pages/${ids.plan}`, null)).json().html).not.toContain('ens-link--missing');
  });

  test('the creation form opens with the title for editors, a sign-in prompt for visitors, and a refusal for readers', async () => {
    const asEditor = await view('/pages/new?title=Travel%20rules', server.accounts.editor);
    expect(asEditor.statusCode).toBe(200);
    const form = parse(asEditor.body);
    expect(form.querySelector('h1')?.textContent).toBe('Create the page “Travel rules”');
    expect(form.querySelector('form[action="/pages/new"][method="post"] input[name="title"]')?.getAttribute('value')).toBe('Travel rules');
    expect(form.querySelector('input[name="_csrf"]')?.getAttribute('value')).toBeTruthy();

    const asVisitor = await view('/pages/new?title=Travel%20rules');
    expect(asVisitor.statusCode).toBe(401);
    expect(parse(asVisitor.body).querySelector('a[href^="/login"], a[href^="/auth"], a[href*="next="]')).not.toBeNull();

    const asReader = await view('/pages/new?title=Travel%20rules', server.accounts.reader);
    expect(asReader.statusCode).toBe(403);
    expect(asReader.body).toContain('you cannot create pages');
    expect(parse(asReader.body).querySelector('form[action="/pages/new"]')).toBeNull();
    expect((await view('/pages/new?title=%20')).headers.location).toBe('/');
  });

  test('once the wanted page is created, its links lead to it and it lists them', async () => {
    const created = await server.app.inject({
      method: 'POST',
      url: '/pages/new',
      headers: { cookie: server.accounts.editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(server.accounts.editor.csrf)}&title=Travel+rules&template=blank&lang=en`,
    });
    expect(created.statusCode).toBe(303);
    const travel = server.app.services.pages.findBySlug('Travel-rules')!;
    expect(travel).toBeDefined();
    expect(await bodyLinks('Spending-plan')).toContainEqual({ href: `/p/${travel.id}`, text: 'Travel rules', missing: false, hidden: null });
    const followed = await view('/pages/new?title=travel%20RULES', server.accounts.editor);
    expect(followed.statusCode).toBe(303);
    expect(followed.headers.location).toBe('/wiki/Travel-rules');
    expect(await backlinkIds(travel.id, null)).toEqual([ids.plan]);
  });

  test('a wanted page created where the reader cannot read it stays red for them', async () => {
    await page('wantsSecret', 'Wants a secret', ['See ', { text: 'Cabinet agenda', url: '/pages/new?title=Cabinet%20agenda' }]);
    await page('agenda', 'Cabinet agenda', ['Secret.'], cabinet.id);
    expect((await bodyLinks('Wants-a-secret', server.accounts.editor))[0]).toMatchObject({ href: '/pages/new?title=Cabinet%20agenda', missing: true });
    expect((await bodyLinks('Wants-a-secret', member))[0]).toMatchObject({ href: `/p/${ids.agenda}`, missing: false });
    expect((await view('/pages/new?title=Cabinet%20agenda', server.accounts.editor)).statusCode).toBe(200);
    expect(await backlinkIds(ids.agenda, member)).toEqual([ids.wantsSecret]);
  });

  test('deleting a page turns the links to it red, leading to the creation of a page named like the link', async () => {
    const doomed = await page('doomed', 'Old procedure', ['Obsolete.']);
    await page('refersToDoomed', 'Refers to old', ['Read ', { text: 'the old procedure', url: `/p/${doomed.id}` }]);
    expect((await bodyLinks('Refers-to-old'))[0]).toMatchObject({ href: `/p/${doomed.id}`, missing: false });
    const deleted = await apiCall(server, 'DELETE', `/pages/${doomed.id}`, server.accounts.admin);
    expect(deleted.statusCode).toBe(204);
    expect((await bodyLinks('Refers-to-old'))[0]).toEqual({
      href: '/pages/new?title=the%20old%20procedure',
      text: 'the old procedure (page does not exist — create it)',
      missing: true,
      hidden: ' (page does not exist — create it)',
    });
  });
});

describe('live edits', () => {
  /** Every link node in the client's document. */
  function $links(node: LexicalNode = $getRoot(), into: LexicalNode[] = []): LexicalNode[] {
    if ($isLinkNode(node)) into.push(node);
    if ($isElementNode(node)) for (const child of node.getChildren()) $links(child, into);
    return into;
  }

  test('a link removed or added by a stock client changes what links here once the edit is rendered', async () => {
    const { editor } = server.accounts;
    const source = await page('live', 'Live notes', ['Notes on ', { text: 'the budget', url: `/p/${ids.budget}` }, '.']);
    expect(await backlinkIds(ids.budget, editor)).toContain(source.id);
    const client = connectLexicalClient(server.collabUrl, source.id, { bearer: editor.bearer, displayName: editor.displayName });
    try {
      await client.synced;
      // Unlink: the link's text stays, as plain text.
      client.editor.update(
        () => {
          for (const link of $links()) link.replace($createTextNode(link.getTextContent()));
        },
        { discrete: true },
      );
      await waitFor(() => backlinkIds(ids.budget, editor), (found) => !found.includes(source.id), 10_000, 'the removed link to leave what links here');
      expect(client.text()).toContain('Notes on the budget.');

      client.editor.update(
        () => {
          const paragraph = $getRoot().getFirstChild();
          if (!$isElementNode(paragraph)) throw new Error('no paragraph');
          paragraph.append($createTextNode(' Then '), $createLinkNode(`/p/${ids.plan}`).append($createTextNode('the plan')));
        },
        { discrete: true },
      );
      await waitFor(() => backlinkIds(ids.plan, editor), (found) => found.includes(source.id), 10_000, 'the added link in what links here');
    } finally {
      client.destroy();
    }
  });
});

describe('upgrade', () => {
  test('pages stored before links were indexed are indexed on the first start after the upgrade', async () => {
    const dataDir = tempDataDir();
    const oldMigrations = fs.mkdtempSync(path.join(dataDir, 'migrations-'));
    const db = openDatabase(path.join(dataDir, 'ensemble.db'), 'NORMAL');
    try {
      for (const name of fs.readdirSync(migrationsDir).filter((n) => n < '20261129100000')) fs.copyFileSync(path.join(migrationsDir, name), path.join(oldMigrations, name));
      migrate(db, oldMigrations);
      // Two pages as the previous version stored them: one links to the other, which links nowhere.
      const store = db.prepare(`INSERT INTO pages (id, slug, slug_key, title, lang, html, text, created_at, updated_at, version, rendered_version, space_id)
        VALUES (@id, @slug, lower(@slug), @title, 'en', @html, @text, 0, 0, 1, 1, 'main')`);
      const log = db.prepare('INSERT INTO page_updates (page_id, data, created_at) VALUES (?, ?, 0)');
      for (const [id, title, inlines] of [
        ['oldtarget001', 'Old target', ['Nothing here.']],
        ['oldsource001', 'Old source', ['See ', { text: 'the target', url: '/p/oldtarget001' }]],
      ] as const) {
        const state = seedPageState(title, [{ kind: 'paragraph', text: [...inlines] }]);
        const { html, text } = renderPageState(state);
        store.run({ id, slug: title.replace(' ', '-'), title, html, text });
        log.run(id, state);
      }
      expect(migrate(db)).toContain('20261129100000-create-page-links.sql');
      const stale = db.prepare('SELECT id FROM pages WHERE rendered_version < version').pluck().all();
      expect(stale).toEqual(['oldsource001']);
    } finally {
      db.close();
    }
    const upgraded = await startTestServer({}, dataDir);
    try {
      const found = await waitFor(
        async () => (await apiCall(upgraded, 'GET', '/pages/oldtarget001/backlinks', null)).json(),
        (body: { total: number; items: { id: string; title: string }[] }) => body.total === 1,
        10_000,
        'the old link in what links here',
      );
      expect(found.items[0]).toMatchObject({ id: 'oldsource001', title: 'Old source' });
    } finally {
      await upgraded.close();
    }
  });
});

describe('after a rename', () => {
  test('links to the old address and wanted links that named the page still count, and are not red', async () => {
    const { admin } = server.accounts;
    const grants = await page('grants', 'Grants', ['Grant rules.']);
    await page('byOldAddress', 'Grant guide', ['Read ', { text: 'the rules', url: '/wiki/Grants' }, '.']);
    await page('wantsForms', 'Forms index', ['Fill in ', { text: 'Forms', url: '/pages/new?title=Forms' }, '.']);
    const forms = await page('forms', 'Forms', ['The forms.']);

    for (const [target, title] of [[grants.id, 'Grant programs'], [forms.id, 'Forms and templates']] as const) {
      expect((await apiCall(server, 'POST', `/pages/${target}/move`, admin, { title, slug: title.replace(/ /g, '-') })).statusCode).toBe(200);
    }

    expect(await backlinkIds(grants.id, admin)).toEqual([ids.byOldAddress]);
    expect(await backlinkIds(forms.id, admin)).toEqual([ids.wantsForms]);
    const [wanted] = await bodyLinks('Forms-index', admin);
    expect(wanted).toMatchObject({ href: `/p/${forms.id}`, missing: false });
    // A page that starts linking to the old address after the rename counts too.
    await page('late', 'Late link', ['See ', { text: 'grants', url: '/wiki/grants' }, '.']);
    expect(await backlinkIds(grants.id, admin)).toEqual([ids.byOldAddress, ids.late].sort());
  });
});
