// Naming (or renaming) an existing revision from its page, against a real server: content is written through the
// live channel by stock y-websocket clients and revisions are cut only on creation and "save version" (automatic
// cuts are pushed out of the test's reach, so the numbers are known). Pages are read as a browser would, without
// JavaScript, and every refusal is checked to have changed nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Window } from 'happy-dom';
import { translator } from '../../shared/i18n/index.js';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { createPage, getPage, explicitRevisionsOnly, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';

let server: TestServer;
let admin: TestAccount;
let editor: TestAccount;
let reader: TestAccount;
const open: LexicalClient[] = [];
let serial = 0;
const fresh = (prefix: string) => `${prefix} ${++serial}`;
const window = new Window();

beforeAll(async () => {
  server = await startTestServer(explicitRevisionsOnly);
  ({ admin, editor, reader } = server.accounts);
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

const get = (url: string, as?: TestAccount | null, headers: Record<string, string> = {}) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}), ...headers } });

const postForm = (url: string, as: TestAccount, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ ...fields, _csrf: as.csrf }).toString(),
  });

async function write(pageId: string, as: TestAccount, text: string): Promise<void> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  open.push(client);
  await client.synced;
  client.appendParagraph(text);
  await waitFor(async () => (await getPage(server, pageId, admin)).text, (t) => t.includes(text), 10_000, `rendered "${text}"`);
}

/** What naming could change: every revision's number, name, summary and namer. */
const namesOf = (pageId: string) =>
  server.app.services.history
    .list(pageId, { limit: 50 })
    .items.map((r) => ({ number: r.number, name: r.name, summary: r.summary, namedBy: r.namedBy?.userId ?? null }));

/** Revision 1: created, unnamed. Revision 2: "First draft", with a summary. Revision 3: "Committee draft". */
async function pageWithRevisions(title = fresh('Briefing note')) {
  const page = await createPage(server, { title }, admin);
  const actor = (as: TestAccount) => ({ userId: as.id, displayName: as.displayName });
  await write(page.id, admin, 'Original wording of the note');
  server.app.services.history.saveVersion(page.id, { name: 'First draft', summary: 'Before the committee' }, actor(admin));
  await write(page.id, editor, 'Approved by the committee');
  server.app.services.history.saveVersion(page.id, { name: 'Committee draft' }, actor(editor));
  return page;
}

describe('naming an existing revision from its page', () => {
  it('offers writers the form, and lists the named revision under Named versions with a notice', async () => {
    const page = await pageWithRevisions();
    const doc = parse((await get(`/wiki/${page.slug}/revisions/1`, editor)).body);
    const section = doc.querySelector('section.history-name');
    expect(textOf(section?.querySelector('h2'))).toBe('Name this revision');
    const form = section?.querySelector(`form[method="post"][action="/wiki/${page.slug}/revisions/1/name"]`);
    expect(form?.querySelector('input[name="_csrf"]')).not.toBeNull();
    expect(textOf(doc.querySelector(`label[for="${form?.querySelector('[name="name"]')?.id}"]`))).toBe('Name of the version');
    expect(form?.querySelector('[name="name"]')?.getAttribute('value') ?? '').toBe('');
    expect(textOf(form?.querySelector('button[type="submit"]'))).toBe('Name revision 1');

    const named = await postForm(`/wiki/${page.slug}/revisions/1/name`, editor, { name: '  Sent to DG   2026-05-01 ', summary: 'The empty shell' });
    expect(named.statusCode).toBe(303);
    expect(named.headers.location).toBe(`/wiki/${page.slug}/history?saved=1`);
    const history = parse((await get(named.headers.location as string, editor)).body);
    expect(textOf(history.querySelector('[role="status"]'))).toBe('Revision 1 was saved as the version “Sent to DG 2026-05-01”.');
    const item = [...history.querySelectorAll('.history-named__item')].find((li) => li.querySelector('a[href$="/revisions/1"]'));
    expect(textOf(item?.querySelector('h3'))).toBe('Sent to DG 2026-05-01');
    expect(textOf(item)).toContain('The empty shell');
    expect(textOf(item)).toContain(`Named by ${editor.displayName}`);
    expect(history.querySelectorAll('.history-named__item')).toHaveLength(3);
    // Naming cuts no revision.
    expect(namesOf(page.id).map((r) => r.number)).toEqual([3, 2, 1]);
  });

  it('renames a named version from a form prefilled with its name and summary, replacing both', async () => {
    const page = await pageWithRevisions();
    const doc = parse((await get(`/wiki/${page.slug}/revisions/2`, editor)).body);
    const section = doc.querySelector('section.history-name');
    expect(textOf(section?.querySelector('h2'))).toBe('Rename this version');
    expect(textOf(section)).toContain('Revision 2 is the version “First draft”.');
    expect(section?.querySelector('[name="name"]')?.getAttribute('value')).toBe('First draft');
    expect(textOf(section?.querySelector('[name="summary"]'))).toBe('Before the committee');
    expect(textOf(section?.querySelector('button[type="submit"]'))).toBe('Save the new name');

    const renamed = await postForm(`/wiki/${page.slug}/revisions/2/name`, editor, { name: 'Sent to the DG', summary: '' });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toBe(`/wiki/${page.slug}/history?saved=2`);
    const history = parse((await get(renamed.headers.location as string, editor)).body);
    expect(textOf(history.querySelector('[role="status"]'))).toBe('Revision 2 was saved as the version “Sent to the DG”.');
    expect([...history.querySelectorAll('.history-named__item h3')].map((h) => textOf(h))).toEqual(['Committee draft', 'Sent to the DG']);
    expect(history.body.textContent).not.toContain('First draft');
    expect(namesOf(page.id).find((r) => r.number === 2)).toEqual({ number: 2, name: 'Sent to the DG', summary: null, namedBy: editor.id });
  });

  it.each([
    ['an empty name', { name: '', summary: 'Kept' }, 'name', 'Enter a name for the version.'],
    ['a name of spaces only', { name: '   ', summary: '' }, 'name', 'Enter a name for the version.'],
    ['a name over 120 characters', { name: `${'n'.repeat(120)} x`, summary: '' }, 'name', 'Enter a name of at most 120 characters.'],
    ['a summary over 1000 characters', { name: 'Fine', summary: 's'.repeat(1001) }, 'summary', 'Enter a summary of at most 1000 characters.'],
  ])('shows %s next to its field on the revision page (400), keeps what was typed and changes nothing', async (_what, fields, fieldName, message) => {
    const page = await pageWithRevisions();
    const before = namesOf(page.id);
    const response = await postForm(`/wiki/${page.slug}/revisions/2/name`, editor, fields);
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    expect(textOf(doc.querySelector('h1'))).toBe(`Revision 2 of “${page.title}”`);
    expect(textOf(doc.querySelector('.history-revision'))).toContain('Original wording of the note');
    const summary = doc.querySelector('section.history-name .error-summary');
    expect(textOf(summary?.querySelector('a'))).toBe(message);
    const control = doc.querySelector(`section.history-name [name="${fieldName}"]`)!;
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe(`#${control.id}`);
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const described = control.getAttribute('aria-describedby')!.split(' ').map((id) => doc.getElementById(id));
    expect(textOf(described.find((el) => el?.classList.contains('field-error')))).toBe(message);
    expect(doc.querySelector('section.history-name [name="name"]')?.getAttribute('value') ?? '').toBe(fields.name);
    expect(textOf(doc.querySelector('section.history-name [name="summary"]'))).toBe(fields.summary);
    // The language switch leads back to the revision, not to the address the form posted to.
    expect(doc.querySelector('.site-header__lang')?.getAttribute('href')).toBe(`/wiki/${page.slug}/revisions/2?lang=fr`);
    expect(namesOf(page.id)).toEqual(before);
  });

  it.each(['99', '0', '-1', '1.5', 'abc', '01'])('answers 404 with a page for revision "%s" and changes nothing', async (n) => {
    const page = await pageWithRevisions();
    const before = namesOf(page.id);
    const response = await postForm(`/wiki/${page.slug}/revisions/${n}/name`, editor, { name: 'Nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Revision not found');
    expect(namesOf(page.id)).toEqual(before);
    expect((await postForm(`/wiki/No-such-page-anywhere/revisions/1/name`, editor, { name: 'Nowhere' })).statusCode).toBe(404);
  });
});

describe('who may name a revision', () => {
  it('shows readers no form, and answers 403 when they post anyway, changing nothing', async () => {
    const page = await pageWithRevisions();
    const before = namesOf(page.id);
    const view = await get(`/wiki/${page.slug}/revisions/2`, reader);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('/revisions/2/name');
    const refused = await postForm(`/wiki/${page.slug}/revisions/2/name`, reader, { name: 'Mine now' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You do not have permission to do this.');
    expect(namesOf(page.id)).toEqual(before);
  });

  it('asks visitors to sign in, changing nothing', async () => {
    const page = await pageWithRevisions();
    const before = namesOf(page.id);
    expect((await get(`/wiki/${page.slug}/revisions/1`, null)).body).not.toContain('/revisions/1/name');
    const session = await server.app.inject({ url: '/api/v1/session' });
    const csrfCookie = session.cookies.find((c) => c.name === 'ens_csrf')!;
    const posted = await server.app.inject({
      method: 'POST',
      url: `/wiki/${page.slug}/revisions/1/name`,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `ens_csrf=${csrfCookie.value}` },
      payload: new URLSearchParams({ name: 'Anonymous', _csrf: session.json().csrfToken }).toString(),
    });
    expect(posted.statusCode).toBe(401);
    expect(posted.body).toContain('href="/login');
    expect(namesOf(page.id)).toEqual(before);
  });
});

describe('naming in French', () => {
  it('labels the form and its errors in French, with lang="fr"', async () => {
    const page = await pageWithRevisions();
    const fr = translator('fr');
    const unnamed = parse((await get(`/wiki/${page.slug}/revisions/1?lang=fr`, editor)).body);
    expect(unnamed.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(unnamed.querySelector('section.history-name h2'))).toBe(fr('history.name.heading'));
    expect(textOf(unnamed.querySelector('section.history-name p'))).toBe(fr('history.name.intro', { n: 1 }));
    expect(textOf(unnamed.querySelector('section.history-name button'))).toBe(fr('history.name.submit', { n: 1 }));
    expect(textOf(unnamed.querySelector('section.history-name label'))).toBe(fr('history.save.name'));

    const named = parse((await get(`/wiki/${page.slug}/revisions/2`, editor, { 'accept-language': 'fr-CA,fr;q=0.9' })).body);
    expect(named.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(named.querySelector('section.history-name h2'))).toBe(fr('history.name.renameHeading'));
    expect(textOf(named.querySelector('section.history-name p'))).toBe(fr('history.name.renameIntro', { n: 2, name: 'First draft' }));
    expect(textOf(named.querySelector('section.history-name button'))).toBe(fr('history.name.renameSubmit'));

    const refused = await postForm(`/wiki/${page.slug}/revisions/2/name`, editor, { name: ' ' }, { 'accept-language': 'fr' });
    expect(refused.statusCode).toBe(400);
    const doc = parse(refused.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('fr');
    expect(textOf(doc.querySelector('.field-error'))).toBe(fr('history.save.nameRequired'));
    expect(textOf(doc.querySelector('.error-summary h2'))).toBe(fr('admin.errorSummary'));
  });
});
