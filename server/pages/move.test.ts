// Renaming pages (C7: "Every page has a permanent link /p/:id. Renames leave redirects.") against a real server:
// the API and the rename form, the redirects old addresses answer with, reuse of an old address, the title in the
// live document as a stock y-websocket client sees it, and who may do what.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Window } from 'happy-dom';
import { translator } from '../../shared/i18n/index.js';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { createPage, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

let server: TestServer;
let admin: TestAccount;
let editor: TestAccount;
let reader: TestAccount;
let member: TestAccount;
let vaultId: string;
const open: LexicalClient[] = [];
let serial = 0;
const fresh = (prefix: string) => `${prefix}-${++serial}`;
const window = new Window();
const en = translator('en');

beforeAll(async () => {
  server = await startTestServer();
  ({ admin, editor, reader } = server.accounts);
  member = await server.createAccount('member', 'editor');
  const asAdmin = (url: string, payload: object) =>
    server.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: admin.bearer }, payload });
  const group = (await asAdmin('/groups', { name: 'Vault team' })).json().id;
  await server.app.inject({ method: 'PUT', url: `/api/v1/groups/${group}/members/${member.id}`, headers: { authorization: admin.bearer } });
  vaultId = (await asAdmin('/spaces', { name: 'Vault', classification: 'protected-b', grants: [{ groupId: group, role: 'editor' }] })).json().id;
});
afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.close();
  await window.happyDOM.close();
});

const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const move = (idOrSlug: string, body: object, as: TestAccount | null = editor) =>
  server.app.inject({
    method: 'POST',
    url: `/api/v1/pages/${encodeURIComponent(idOrSlug)}/move`,
    headers: as ? { authorization: as.bearer } : {},
    payload: body,
  });
const api = (url: string, as: TestAccount | null = editor) => server.app.inject({ url: `/api/v1${url}`, headers: as ? { authorization: as.bearer } : {} });
const web = (url: string, as: TestAccount | null = null) => server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}) } });
const postForm = (url: string, as: TestAccount, fields: Record<string, string>) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: as.csrf }).toString(),
  });

/** A page renamed A → B → C through the API. */
async function renamedTwice() {
  const a = fresh('Alpha');
  const b = fresh('Bravo');
  const c = fresh('Charlie');
  const page = await createPage(server, { title: a, slug: a });
  expect((await move(page.id, { title: b, slug: b })).statusCode).toBe(200);
  const last = await move(page.id, { title: c, slug: c });
  expect(last.statusCode).toBe(200);
  return { id: page.id, a, b, c, answer: last.json() };
}

describe('renaming through the API', () => {
  it('answers with the new address and every old one, newest first', async () => {
    const { id, a, b, c, answer } = await renamedTwice();
    expect(answer).toEqual({ id, slug: c, title: c, url: `/wiki/${c}`, redirects: [b, a] });
    const listed = await api(`/pages/${id}/redirects`, reader);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((r: { slug: string; url: string }) => [r.slug, r.url])).toEqual([
      [b, `/wiki/${b}`],
      [a, `/wiki/${a}`],
    ]);
  });

  it('sends every old address of a twice-renamed page to the current one in a single 301', async () => {
    const { a, b, c } = await renamedTwice();
    for (const old of [a, b]) {
      const response = await web(`/wiki/${old}`);
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toBe(`/wiki/${c}`);
    }
    expect((await web(`/wiki/${c}`)).statusCode).toBe(200);
    // Old addresses are case-insensitive like current ones.
    expect((await web(`/wiki/${a.toUpperCase()}`)).headers.location).toBe(`/wiki/${c}`);
  });

  it('keeps the sub-path and the query string when redirecting an old address', async () => {
    const { a, b, c } = await renamedTwice();
    const history = await web(`/wiki/${a}/history?before=3`);
    expect(history.statusCode).toBe(301);
    expect(history.headers.location).toBe(`/wiki/${c}/history?before=3`);
    expect((await web(`/wiki/${b}/revisions/1`)).headers.location).toBe(`/wiki/${c}/revisions/1`);
    expect((await web(`/wiki/${b}/diff?from=1&to=1`)).headers.location).toBe(`/wiki/${c}/diff?from=1&to=1`);
    expect((await web(`/wiki/${a}/authors`)).headers.location).toBe(`/wiki/${c}/authors`);
    expect((await web(`/wiki/${a}/edit`, editor)).headers.location).toBe(`/wiki/${c}/edit`);
    expect((await web(`/wiki/${a}/move`, editor)).headers.location).toBe(`/wiki/${c}/move`);
    expect((await web(`/wiki/${a}/delete`, admin)).headers.location).toBe(`/wiki/${c}/delete`);
    expect((await web(`/wiki/${a}?restored=2`)).headers.location).toBe(`/wiki/${c}?restored=2`);
  });

  it('keeps the permanent link on the current address', async () => {
    const { id, c } = await renamedTwice();
    const response = await web(`/p/${id}`);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(`/wiki/${c}`);
  });

  it('answers the API for an old address with the page itself, as its id would', async () => {
    const { id, a, c } = await renamedTwice();
    const response = await api(`/pages/${a}`, null);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, slug: c, title: c, url: `/wiki/${c}` });
    expect((await api(`/pages/${a}/revisions`, null)).statusCode).toBe(200);
  });

  it('keeps the address when only the title changes, and the title when only the address changes', async () => {
    const slug = fresh('Steady');
    const page = await createPage(server, { title: 'Steady title', slug });
    const retitled = (await move(page.id, { title: 'New title' })).json();
    expect(retitled).toMatchObject({ slug, title: 'New title', redirects: [] });
    const readdressed = (await move(slug, { slug: `${slug}-moved` })).json();
    expect(readdressed).toMatchObject({ slug: `${slug}-moved`, title: 'New title', redirects: [slug] });
  });

  it('refuses an address another page has, or another page’s id, and changes nothing', async () => {
    const taken = await createPage(server, { title: fresh('Taken') });
    const page = await createPage(server, { title: fresh('Mover') });
    for (const slug of [taken.slug.toLowerCase(), taken.id]) {
      const response = await move(page.id, { title: 'Whatever', slug });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toEqual({ code: 'WIKI_SLUG_TAKEN', message: expect.any(String) });
    }
    expect((await api(`/pages/${page.id}`)).json()).toMatchObject({ slug: page.slug, title: page.title });
    expect((await api(`/pages/${page.id}/redirects`)).json().items).toEqual([]);
  });

  it.each([
    ['an address with spaces', { slug: 'has spaces' }, 'WIKI_INVALID_SLUG'],
    ['an address with accents', { slug: 'Été' }, 'WIKI_INVALID_SLUG'],
    ['a blank title', { title: '   ' }, 'WIKI_INVALID_TITLE'],
    ['a title that is not a string', { title: 42 }, 'WIKI_BAD_REQUEST'],
    ['an unknown field', { name: 'x' }, 'WIKI_BAD_REQUEST'],
  ])('refuses %s with a 400 and changes nothing', async (_label, body, code) => {
    const page = await createPage(server, { title: fresh('Valid') });
    const response = await move(page.id, body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: expect.stringMatching(/^WIKI_/), message: expect.any(String) });
    if (code !== 'WIKI_BAD_REQUEST') expect(response.json().code).toBe(code);
    expect((await api(`/pages/${page.id}`)).json()).toMatchObject({ slug: page.slug, title: page.title });
  });

  it('lets a page move back to one of its own old addresses', async () => {
    const first = fresh('Home');
    const page = await createPage(server, { title: first, slug: first });
    await move(page.id, { slug: `${first}-away` });
    const back = await move(page.id, { slug: first });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ slug: first, redirects: [`${first}-away`] });
    expect((await web(`/wiki/${first}`)).statusCode).toBe(200);
    expect((await web(`/wiki/${first}-away`)).headers.location).toBe(`/wiki/${first}`);
  });

  it('records the rename in the audit log, with the old and new address and title', async () => {
    const slug = fresh('Audited');
    const page = await createPage(server, { title: 'Before', slug });
    await move(page.id, { title: 'After', slug: `${slug}-after` });
    const event = server.app.services.audit.list(50).events.find((e) => e.action === 'page.moved' && e.target?.id === page.id);
    expect(event).toMatchObject({
      actor: { id: editor.id },
      target: { type: 'page', id: page.id },
      details: { from: { slug, title: 'Before' }, to: { slug: `${slug}-after`, title: 'After' } },
    });
  });
});

describe('old addresses and new pages', () => {
  it('refuses to create a page at another page’s old address unless asked, naming that page', async () => {
    const { id, a, c } = await renamedTwice();
    const refused = await server.app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: editor.bearer }, payload: { title: 'Newcomer', slug: a } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ code: 'WIKI_SLUG_REDIRECTS', message: expect.stringContaining(`“${c}”`) });
    expect((await web(`/wiki/${a}`)).headers.location).toBe(`/wiki/${c}`);

    const reused = await server.app.inject({
      method: 'POST',
      url: '/api/v1/pages',
      headers: { authorization: editor.bearer },
      payload: { title: 'Newcomer', slug: a, reuseRedirect: true },
    });
    expect(reused.statusCode).toBe(201);
    expect(reused.json().slug).toBe(a);
    // The address now belongs to the new page; the renamed page no longer answers there.
    expect((await web(`/wiki/${a}`)).statusCode).toBe(200);
    expect((await api(`/pages/${a}`)).json().id).toBe(reused.json().id);
    expect((await api(`/pages/${id}/redirects`)).json().items.map((r: { slug: string }) => r.slug)).not.toContain(a);
  });

  it('gives a new page whose title matches an old address the next free address instead', async () => {
    const title = fresh('Budget');
    const page = await createPage(server, { title, slug: title });
    await move(page.id, { slug: `${title}-old` });
    const newcomer = await createPage(server, { title });
    expect(newcomer.slug).toBe(`${title}-2`);
    expect((await web(`/wiki/${title}`)).headers.location).toBe(`/wiki/${title}-old`);
  });

  it('refuses to move a page to another page’s old address unless asked', async () => {
    const { a, c } = await renamedTwice();
    const other = await createPage(server, { title: fresh('Other') });
    const refused = await move(other.id, { slug: a });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('WIKI_SLUG_REDIRECTS');
    const taken = await move(other.id, { slug: a, reuseRedirect: true });
    expect(taken.statusCode).toBe(200);
    expect((await api(`/pages/${a}`)).json().id).toBe(other.id);
    expect((await web(`/wiki/${c}`)).statusCode).toBe(200);
  });
});

describe('the title in the live document', () => {
  it('changes for an editor who has the page open, and in the stored page', async () => {
    const page = await createPage(server, { title: 'Quarterly report' });
    const client = connectLexicalClient(server.collabUrl, page.id, { bearer: editor.bearer, displayName: editor.displayName });
    open.push(client);
    await client.synced;
    expect(client.title()).toBe('Quarterly report');
    const answer = await move(page.id, { title: 'Quarterly report (final)' });
    expect(answer.json().title).toBe('Quarterly report (final)');
    await waitFor(() => client.title(), (t) => t === 'Quarterly report (final)', 5000, 'the new title in the client');
    expect((await api(`/pages/${page.id}`)).json().title).toBe('Quarterly report (final)');
    // History records it, credited to the mover like their own typing.
    const { history } = server.app.services;
    history.recorder.cut(page.id, 'checkpoint', {}, true);
    const latest = history.list(page.id, { limit: 1 }).items[0];
    expect(latest.authors.map((a) => a.userId)).toContain(editor.id);
    expect((await history.get(page.id, latest.number))?.title).toBe('Quarterly report (final)');
  });
});

describe('who may rename', () => {
  it('refuses readers (403), visitors (401), read tokens (403) and unknown pages (404)', async () => {
    const page = await createPage(server, { title: fresh('Guarded') });
    expect((await move(page.id, { title: 'By reader' }, reader)).statusCode).toBe(403);
    // A visitor who follows the CSRF rules, so what is tested is the authorization, not the CSRF check.
    const session = await server.app.inject({ url: '/api/v1/session' });
    const visitor = await server.app.inject({
      method: 'POST',
      url: `/api/v1/pages/${page.id}/move`,
      headers: { cookie: `ens_csrf=${session.cookies.find((c) => c.name === 'ens_csrf')!.value}`, 'x-csrf-token': session.json().csrfToken },
      payload: { title: 'By visitor' },
    });
    expect(visitor.statusCode).toBe(401);
    expect(visitor.json().code).toBe('WIKI_SIGN_IN_REQUIRED');
    const readToken = `Bearer ${server.app.services.tokens.create(editor.id, { name: 'read', scope: 'read' }, { id: null, name: 'test', ip: null }).secret}`;
    const byToken = await server.app.inject({ method: 'POST', url: `/api/v1/pages/${page.id}/move`, headers: { authorization: readToken }, payload: { title: 'By token' } });
    expect(byToken.statusCode).toBe(403);
    expect((await move('nosuchpage12', { title: 'Nobody' })).statusCode).toBe(404);
    expect((await api(`/pages/${page.id}`)).json().title).toBe(page.title);
  });

  it('never shows where a Protected B page went to those who may not read it', async () => {
    const old = fresh('Vault-plan');
    const page = await createPage(server, { title: 'Vault plan', slug: old, space: vaultId }, member);
    const moved = (await move(page.id, { title: 'Vault plan v2', slug: `${old}-v2` }, member)).json();
    expect(moved.slug).toBe(`${old}-v2`);

    const visitor = await web(`/wiki/${old}`);
    expect(visitor.statusCode).toBe(401);
    expect(visitor.headers.location).toBeUndefined();
    expect(visitor.body).not.toContain(`${old}-v2`);
    const visitorHistory = await web(`/wiki/${old}/history`);
    expect(visitorHistory.statusCode).toBe(401);
    expect(visitorHistory.headers.location).toBeUndefined();
    const outsider = await web(`/wiki/${old}`, editor);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.headers.location).toBeUndefined();
    expect((await api(`/pages/${old}`, null)).statusCode).toBe(401);
    expect((await api(`/pages/${old}`, editor)).statusCode).toBe(404);
    expect((await api(`/pages/${page.id}/redirects`, editor)).statusCode).toBe(404);
    expect((await web(`/wiki/${old}`, member)).headers.location).toBe(`/wiki/${old}-v2`);

    // Someone who may not read it learns only that the address is taken, not by what.
    const clash = await server.app.inject({ method: 'POST', url: '/api/v1/pages', headers: { authorization: editor.bearer }, payload: { title: 'Mine', slug: old } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('WIKI_SLUG_REDIRECTS');
    expect(clash.json().message).not.toContain('Vault plan');
  });
});

describe('the rename form', () => {
  it('shows the current title and address and the old addresses, to writers only', async () => {
    const { b, c } = await renamedTwice();
    const response = await web(`/wiki/${c}/move`, editor);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect((doc.querySelector('input[name=title]') as HTMLInputElement).value).toBe(c);
    expect((doc.querySelector('input[name=slug]') as HTMLInputElement).value).toBe(c);
    expect(doc.querySelector('label[for=move-slug]')).not.toBeNull();
    expect(textOf(doc.querySelector('section[aria-labelledby=old-addresses]'))).toContain(`/wiki/${b}`);
    expect((await web(`/wiki/${c}/move`, reader)).statusCode).toBe(403);
    const visitor = await web(`/wiki/${c}/move`);
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(`/wiki/${c}/move`)}`);
    // The page view links to the form for writers only.
    expect(parse((await web(`/wiki/${c}`, editor)).body).querySelector(`a[href="/wiki/${c}/move"]`)).not.toBeNull();
    expect(parse((await web(`/wiki/${c}`, reader)).body).querySelector(`a[href="/wiki/${c}/move"]`)).toBeNull();
  });

  it('renames, then shows the page under its new address with a status message', async () => {
    const slug = fresh('Form');
    await createPage(server, { title: 'Form page', slug });
    const response = await postForm(`/wiki/${slug}/move`, editor, { title: 'Form page renamed', slug: `${slug}-renamed` });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/wiki/${slug}-renamed?renamed=1`);
    const page = parse((await web(response.headers.location as string, editor)).body);
    expect(textOf(page.querySelector('[role=status]'))).toBe(en('renames.done'));
    expect(textOf(page.querySelector('h1'))).toBe('Form page renamed');
    expect((await web(`/wiki/${slug}`)).headers.location).toBe(`/wiki/${slug}-renamed`);
  });

  it('shows what is wrong next to the field, changes nothing, and offers to reuse an old address', async () => {
    const { a, c } = await renamedTwice();
    const slug = fresh('Second');
    await createPage(server, { title: 'Second page', slug });

    const bad = await postForm(`/wiki/${slug}/move`, editor, { title: 'Second page', slug: 'not valid' });
    expect(bad.statusCode).toBe(400);
    let doc = parse(bad.body);
    expect(doc.querySelector('.error-summary a[href="#move-slug"]')).not.toBeNull();
    expect(doc.querySelector('#move-slug')?.getAttribute('aria-describedby')).toContain('move-slug-error');
    expect(doc.querySelector('input[name=reuseRedirect]')).toBeNull();

    const clash = await postForm(`/wiki/${slug}/move`, editor, { title: 'Second page', slug: a });
    expect(clash.statusCode).toBe(400);
    doc = parse(clash.body);
    expect(textOf(doc.querySelector('#move-slug-error'))).toBe(en('renames.error.slugRedirectsOf', { slug: a, title: c }));
    const reuse = doc.querySelector('input[name=reuseRedirect]');
    expect(reuse).not.toBeNull();
    expect(textOf(doc.querySelector(`label[for="${reuse!.id}"]`))).toBe(en('renames.reuseLabel'));
    expect((await web(`/wiki/${a}`)).headers.location).toBe(`/wiki/${c}`);

    const taken = await postForm(`/wiki/${slug}/move`, editor, { title: 'Second page', slug: a, reuseRedirect: 'yes' });
    expect(taken.statusCode).toBe(303);
    expect(taken.headers.location).toBe(`/wiki/${a}?renamed=1`);
    expect((await web(`/wiki/${a}`)).statusCode).toBe(200);
  });

  it('refuses a form without its CSRF token', async () => {
    const slug = fresh('Csrf');
    await createPage(server, { title: 'Csrf page', slug });
    const response = await server.app.inject({
      method: 'POST',
      url: `/wiki/${slug}/move`,
      headers: { accept: 'text/html', cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ title: 'Sneaky', slug }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect((await api(`/pages/${slug}`)).json().title).toBe('Csrf page');
  });
});
