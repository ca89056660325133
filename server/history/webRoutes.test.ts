// The server-rendered history pages against a real server: content is written through the live channel by stock
// y-websocket clients; revisions are cut only on creation, "save version" and restore (automatic cuts are pushed
// out of the test's reach, so the numbers are known). Pages are read as a browser would, without JavaScript.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Window } from 'happy-dom';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { translator } from '../../shared/i18n/index.js';
import { connectLexicalClient, type LexicalClient } from '../../tests/helpers/lexicalClient.js';
import { createPage, getPage, explicitRevisionsOnly, startTestServer, waitFor, type TestAccount, type TestServer } from '../../tests/helpers/testServer.js';
import type { PageRow } from '../pages/pages.repo.js';
import type { ViewContext } from '../web/views/Layout.js';
import type { Attribution, DiffBlock } from './types.js';
import { AuthorsPage } from './views/AuthorsPage.js';
import { foldUnchanged } from './views/DiffPage.js';

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

function parse(html: string): Document {
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const get = (url: string, as?: TestAccount | null, headers: Record<string, string> = {}) =>
  server.app.inject({ url, headers: { accept: 'text/html', ...(as ? { cookie: as.cookie } : {}), ...headers } });

const postForm = (url: string, as: TestAccount, fields: Record<string, string>, csrf = as.csrf) =>
  server.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: as.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString(),
  });

/** Writes a paragraph as `as` through the live channel and waits until the server has stored and rendered it. */
async function write(pageId: string, as: TestAccount, text: string): Promise<void> {
  const client = connectLexicalClient(server.collabUrl, pageId, { bearer: as.bearer, displayName: as.displayName });
  open.push(client);
  await client.synced;
  client.appendParagraph(text);
  await waitFor(async () => (await getPage(server, pageId, admin)).text, (t) => t.includes(text), 10_000, `rendered "${text}"`);
}

const revisionCount = (pageId: string) => server.app.services.history.list(pageId, { limit: 1 }).total;
const textOf = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const saveVersion = (pageId: string, as: TestAccount, name: string, summary?: string) =>
  server.app.services.history.saveVersion(pageId, { name, summary }, { userId: as.id, displayName: as.displayName });

/**
 * Revision 1: the admin creates the page (empty). Revision 2, "First draft": the admin's paragraph.
 * Revision 3, "Committee draft": the editor adds a paragraph.
 */
async function pageWithRevisions(title = fresh('Budget plan')) {
  const page = await createPage(server, { title }, admin);
  await write(page.id, admin, 'Original wording of the plan');
  saveVersion(page.id, admin, 'First draft');
  await write(page.id, editor, 'Approved by the committee');
  saveVersion(page.id, editor, 'Committee draft', 'As approved on Monday');
  return page;
}

describe('the history page', () => {
  it('lists named versions first, then revisions newest first with their authors, changes and links', async () => {
    const page = await pageWithRevisions();
    const response = await get(`/wiki/${page.slug}/history`, editor);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect(textOf(doc.querySelector('h1'))).toBe(`History of “${page.title}”`);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');

    const headings = [...doc.querySelectorAll('h2')].map((h) => textOf(h));
    expect(headings.indexOf('Named versions')).toBeLessThan(headings.indexOf('Revisions'));
    const named = doc.querySelector('.history-named__item');
    expect(textOf(named?.querySelector('h3'))).toBe('Committee draft');
    expect(textOf(named)).toContain('As approved on Monday');
    expect(textOf(named)).toContain(`Named by ${editor.displayName}`);
    expect(named?.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(named?.querySelector(`a[href="/wiki/${page.slug}/revisions/3"]`)).not.toBeNull();
    expect(textOf(doc.querySelectorAll('.history-named__item')[1]?.querySelector('h3'))).toBe('First draft');
    expect(named?.querySelector(`a[href*="/diff"]`)).toBeNull();
    expect(doc.querySelectorAll('.history-named__item')[1]?.querySelector(`a[href="/wiki/${page.slug}/diff?from=2&to=3"]`)).not.toBeNull();

    const rows = [...doc.querySelectorAll('.history-table tbody tr')];
    expect(rows.map((row) => textOf(row.querySelector('th')))).toEqual(['3', '2', '1']);
    const [second, , first] = rows;
    expect(textOf(second)).toContain('Saved version');
    expect(textOf(second)).toContain('Named “Committee draft”');
    expect(second.querySelector(`a[href="/users/${editor.username}"]`)?.textContent).toBe(editor.displayName);
    expect(textOf(second.querySelector('.history-change .visually-hidden'))).toMatch(/^\d+ characters added, \d+ characters? removed$/);
    expect(second.querySelector('.history-change [aria-hidden="true"]')?.textContent).toMatch(/^\+\d+ \/ −\d+ characters$/);
    expect(second.querySelector(`a[href="/wiki/${page.slug}/revisions/3"]`)?.getAttribute('aria-label')).toBe('View revision 3');
    expect(second.querySelector(`a[href="/wiki/${page.slug}/diff?from=2&to=3"]`)).not.toBeNull();
    expect(textOf(first)).toContain('Created');
    expect(first.querySelector(`a[href="/users/${admin.username}"]`)).not.toBeNull();
    expect(first.querySelector('a[href*="/diff"]')).toBeNull();

    // The comparison form: two labelled radio groups, previous against latest by default.
    const form = doc.querySelector(`form[action="/wiki/${page.slug}/diff"]`);
    expect(form?.getAttribute('method')).toBe('get');
    const legends = [...(form?.querySelectorAll('fieldset > legend') ?? [])].map((l) => textOf(l));
    expect(legends).toEqual(['From (older revision)', 'To (newer revision)']);
    expect(form?.querySelector('input[name="from"][value="2"]')?.hasAttribute('checked')).toBe(true);
    expect(form?.querySelector('input[name="to"][value="3"]')?.hasAttribute('checked')).toBe(true);
    for (const radio of form?.querySelectorAll('input[type="radio"]') ?? []) {
      expect(textOf(doc.querySelector(`label[for="${radio.id}"]`))).toMatch(/^Revision \d/);
    }
    expect(textOf(form?.querySelector('button[type="submit"]'))).toBe('Compare selected revisions');

    // A writer may save a version; nothing on the page uses a positive tabindex.
    expect(doc.querySelector(`form[method="post"][action="/wiki/${page.slug}/history/versions"] input[name="_csrf"]`)).not.toBeNull();
    expect(doc.querySelector('[tabindex]:not([tabindex="-1"])')).toBeNull();
  });

  it('says which rule closed each automatic revision, in both languages', async () => {
    const page = await createPage(server, { title: fresh('Rules') }, admin);
    const rules = ['quiet', 'left', 'interval', 'recovered', 'checkpoint'] as const;
    for (const rule of rules) {
      await write(page.id, editor, `Written before the ${rule} cut`);
      expect(server.app.services.history.recorder.cut(page.id, rule)?.trigger).toBe(rule);
    }
    const labels = async (lang: 'en' | 'fr') => {
      const doc = parse((await get(`/wiki/${page.slug}/history?lang=${lang}`, editor)).body);
      return [...doc.querySelectorAll('.history-table tbody tr')].slice(0, rules.length).reverse().map((row) => textOf(row.querySelectorAll('td')[1]));
    };
    expect(await labels('en')).toEqual(['Edited, then a pause', 'Edited until everyone left', 'Edited during a long session', 'Edited before a restart', 'Edited before a restore']);
    const fr = translator('fr');
    expect(await labels('fr')).toEqual(rules.map((rule) => fr(`history.trigger.${rule}`)));
  });

  it('is linked from the page for everyone who can read it', async () => {
    const page = await createPage(server, { title: fresh('Linked') }, editor);
    for (const as of [reader, null]) {
      const doc = parse((await get(`/wiki/${page.slug}`, as)).body);
      expect(textOf(doc.querySelector(`a[href="/wiki/${page.slug}/history"]`))).toBe('History');
      expect(textOf(doc.querySelector(`a[href="/wiki/${page.slug}/authors"]`))).toBe('Authors');
    }
  });

  it('announces the page’s Atom feed to browsers and feed readers', async () => {
    const page = await createPage(server, { title: fresh('Fed') }, editor);
    const doc = parse((await get(`/wiki/${page.slug}/history`, reader)).body);
    const feed = doc.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    expect(feed?.getAttribute('href')).toBe(`/feeds/pages/${page.id}.atom?lang=en`);
  });

  it('shows on the page its latest named version and a link to what changed since', async () => {
    const page = await pageWithRevisions();
    const named = parse((await get(`/wiki/${page.slug}`, reader)).body);
    expect(textOf(named.querySelector(`a[href="/wiki/${page.slug}/revisions/3"]`))).toBe('Latest named version: “Committee draft” (revision 3)');
    // Nothing changed since: there is nothing to compare.
    expect(named.querySelector(`a[href*="/diff"]`)).toBeNull();

    await write(page.id, editor, 'A change after the committee');
    server.app.services.history.recorder.cut(page.id, 'quiet');
    const changed = parse((await get(`/wiki/${page.slug}`, reader)).body);
    expect(textOf(changed.querySelector(`a[href="/wiki/${page.slug}/diff?from=3&to=4"]`))).toBe('What changed since that version');
    const unnamed = await createPage(server, { title: fresh('Never named') }, editor);
    expect(parse((await get(`/wiki/${unnamed.slug}`, reader)).body).querySelector('a[href*="/revisions/"]')).toBeNull();
  });

  it('speaks French to a French reader, with lang="fr"', async () => {
    const page = await pageWithRevisions();
    const fr = translator('fr');
    const byQuery = parse((await get(`/wiki/${page.slug}/history?lang=fr`, reader)).body);
    const byHeader = parse((await get(`/wiki/${page.slug}/history`, reader, { 'accept-language': 'fr-CA,fr;q=0.9' })).body);
    for (const doc of [byQuery, byHeader]) {
      expect(doc.documentElement.getAttribute('lang')).toBe('fr');
      expect(textOf(doc.querySelector('h1'))).toBe(`Historique de « ${page.title} »`);
      expect(doc.body.textContent).toContain(fr('history.named.heading'));
      expect(doc.body.textContent).toContain(fr('history.compare.submit'));
      expect(doc.body.textContent).toContain('Version enregistrée');
      expect(doc.body.textContent).toMatch(/\d+ caractères? ajoutés?/);
    }
    const diff = parse((await get(`/wiki/${page.slug}/diff?from=2&to=3&lang=fr`, reader)).body);
    expect(diff.documentElement.getAttribute('lang')).toBe('fr');
    expect(diff.querySelector('ins .visually-hidden')?.textContent).toBe('[ajouté : ');
  });

  it('pages through long histories 50 at a time, and refuses a bad "before" with a 400 page', async () => {
    const page = await createPage(server, { title: fresh('Long story') }, editor);
    // Nothing changes: the first save names revision 1, each later one cuts a revision of its own.
    for (let i = 1; i <= 52; i++) saveVersion(page.id, editor, `Step ${i}`);
    expect(revisionCount(page.id)).toBe(52);
    const newest = parse((await get(`/wiki/${page.slug}/history`, reader)).body);
    expect(newest.querySelectorAll('.history-table tbody tr')).toHaveLength(50);
    const older = newest.querySelector('nav.admin-pagination a[href*="before="]');
    expect(textOf(older)).toBe('Older revisions');
    const next = await get(older!.getAttribute('href')!, reader);
    expect(next.statusCode).toBe(200);
    const rest = parse(next.body);
    expect([...rest.querySelectorAll('.history-table tbody th')].map((th) => textOf(th))).toEqual(['2', '1']);
    expect(rest.querySelector(`nav.admin-pagination a[href="/wiki/${page.slug}/history"]`)).not.toBeNull();

    for (const before of ['0', '-3', 'abc', '2.5', '']) {
      const bad = await get(`/wiki/${page.slug}/history?before=${before}`, reader);
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('text/html');
      expect(bad.body).toContain('“before” must be a revision number');
    }
  });

  it('sends other spellings of the address to the canonical one, and answers 404 for an unknown page', async () => {
    const page = await createPage(server, { title: fresh('Canonical Case') }, editor);
    const moved = await get(`/wiki/${page.slug.toLowerCase()}/diff?from=1&to=1`, reader);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`/wiki/${page.slug}/diff?from=1&to=1`);
    for (const path of ['history', 'revisions/1', 'diff?from=1&to=1', 'authors']) {
      const missing = await get(`/wiki/No-such-page-anywhere/${path}`, reader);
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('Page not found');
    }
  });
});

describe('saving a version from the form', () => {
  it('saves and comes back to the history with a notice', async () => {
    const page = await createPage(server, { title: fresh('Saved by form') }, admin);
    await write(page.id, editor, 'A paragraph worth keeping');
    const saved = await postForm(`/wiki/${page.slug}/history/versions`, editor, { name: '  Sent to the DG  ', summary: 'For the Tuesday meeting' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/wiki/${page.slug}/history?saved=2`);
    const doc = parse((await get(saved.headers.location as string, editor)).body);
    expect(textOf(doc.querySelector('[role="status"]'))).toBe('Revision 2 was saved as the version “Sent to the DG”.');
    expect(textOf(doc.querySelector('.history-named__item h3'))).toBe('Sent to the DG');
    expect(textOf(doc.querySelector('.history-named__item'))).toContain('For the Tuesday meeting');
  });

  it.each([
    ['a name of spaces only', { name: '    ', summary: '' }, 'name', 'Enter a name for the version.'],
    ['a name over 120 characters', { name: 'n'.repeat(121), summary: '' }, 'name', 'Enter a name of at most 120 characters.'],
    ['a summary over 1000 characters', { name: 'Fine', summary: 's'.repeat(1001) }, 'summary', 'Enter a summary of at most 1000 characters.'],
  ])('shows %s as an error next to the field (400) and saves nothing', async (_what, fields, fieldName, message) => {
    const page = await createPage(server, { title: fresh('Form errors') }, editor);
    const response = await postForm(`/wiki/${page.slug}/history/versions`, editor, fields);
    expect(response.statusCode).toBe(400);
    const doc = parse(response.body);
    const summary = doc.querySelector('.error-summary');
    expect(textOf(summary?.querySelector('a'))).toBe(message);
    const control = doc.querySelector(`[name="${fieldName}"]`)!;
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe(`#${control.id}`);
    expect(control.getAttribute('aria-invalid')).toBe('true');
    const describedBy = control.getAttribute('aria-describedby')!.split(' ');
    const error = describedBy.map((id) => doc.getElementById(id)).find((el) => el?.classList.contains('field-error'));
    expect(textOf(error)).toBe(message);
    // The language switch leads back to the history, not to the address the form posted to.
    expect(doc.querySelector('.site-header__lang')?.getAttribute('href')).toBe(`/wiki/${page.slug}/history?lang=fr`);
    // What was typed is kept.
    expect((doc.querySelector('[name="name"]') as HTMLInputElement).getAttribute('value') ?? '').toBe(fields.name);
    expect(revisionCount(page.id)).toBe(1);
    expect(server.app.services.history.namedVersions(page.id)).toEqual([]);
  });
});

describe('an old revision', () => {
  it('is shown as it was, under a banner that says so, with no script', async () => {
    const page = await createPage(server, { title: fresh('Old text') }, admin);
    await write(page.id, admin, 'First <script>alert(1)</script> wording');
    saveVersion(page.id, admin, 'First');
    await write(page.id, editor, 'Later addition');
    saveVersion(page.id, editor, 'Second');

    const response = await get(`/wiki/${page.slug}/revisions/2`, editor);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    // The stored text stays text; the only scripts are the site's own bundles, none inside the content.
    expect(doc.querySelectorAll('main script').length).toBe(0);
    for (const script of doc.querySelectorAll('script')) expect(script.getAttribute('src') ?? '').toMatch(/^\/assets\/[^"]+\.js$/);
    expect(textOf(doc.querySelector('h1'))).toBe(`Revision 2 of “${page.title}”`);
    const banner = doc.querySelector('.history-banner');
    expect(textOf(banner)).toMatch(new RegExp(`^You are viewing revision 2 of “${page.title}”, saved .+ by ${admin.displayName}\\. This is not the current version\\.`));
    expect(banner?.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-/);
    expect(banner?.querySelector(`a[href="/wiki/${page.slug}"]`)).not.toBeNull();
    expect(banner?.querySelector(`a[href="/wiki/${page.slug}/history"]`)).not.toBeNull();
    const content = textOf(doc.querySelector('.history-revision .ens-content'));
    expect(content).toContain('First <script>alert(1)</script> wording');
    expect(content).not.toContain('Later addition');
    // Writers may restore it, with the consequences explained.
    expect(banner?.querySelector(`a[href="/wiki/${page.slug}/diff?from=1&to=2"]`)).not.toBeNull();
    const restore = doc.querySelector(`form[method="post"][action="/wiki/${page.slug}/revisions/2/restore"]`);
    expect(restore?.querySelector('input[name="_csrf"]')).not.toBeNull();
    expect(textOf(doc.querySelector('.history-restore'))).toContain('People editing the page right now will see the change at once.');

    // The newest revision says so, and offers no restore.
    const latest = parse((await get(`/wiki/${page.slug}/revisions/3`, editor)).body);
    expect(textOf(latest.querySelector('.history-revision'))).toContain('Later addition');
    expect(textOf(latest.querySelector('.history-banner'))).toContain('This is the latest revision');
    expect(latest.querySelector('form[action$="/restore"]')).toBeNull();
  });

  it.each(['0', '-1', '1.5', 'abc', '01', '99', '99999999999999999999'])('answers 404 with a page for revision "%s"', async (n) => {
    const page = await createPage(server, { title: fresh('Numbers') }, editor);
    const response = await get(`/wiki/${page.slug}/revisions/${n}`, reader);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Revision not found');
  });
});

describe('the comparison of two revisions', () => {
  it('marks insertions and deletions in words for screen readers, with counts and a legend', async () => {
    const page = await pageWithRevisions();
    const restored = await postForm(`/wiki/${page.slug}/revisions/2/restore`, editor, {});
    expect(restored.statusCode).toBe(303);

    const added = parse((await get(`/wiki/${page.slug}/diff?from=2&to=3`, reader)).body);
    expect(textOf(added.querySelector('h1'))).toBe(`Changes to “${page.title}”, revision 2 to 3`);
    expect(textOf(added.querySelector('.history-diff__counts'))).toBe('4 words added, 0 words removed');
    const ins = added.querySelector('.history-diff ins');
    expect(ins?.querySelector('.visually-hidden')?.textContent).toBe('[inserted: ');
    expect(textOf(ins)).toBe('[inserted: Approved by the committee]');
    expect(added.querySelector('.history-diff del')).toBeNull();
    expect(textOf(added.querySelector('.history-legend'))).toContain('struck through');
    expect(added.querySelector('.history-diff__side--from a[href$="/revisions/2"]')).not.toBeNull();
    expect(textOf(added.querySelector('.history-diff__side--to'))).toContain(editor.displayName);

    const removed = parse((await get(`/wiki/${page.slug}/diff?from=3&to=4`, reader)).body);
    const del = removed.querySelector('.history-diff del');
    expect(textOf(del)).toBe('[deleted: Approved by the committee]');
    expect(textOf(removed.querySelector('.history-diff__counts'))).toBe('0 words added, 4 words removed');
    expect(removed.querySelector('.history-diff ins')).toBeNull();
    expect(textOf(removed.querySelector('.history-diff .diff-block--equal'))).toContain('Original wording of the plan');
  });

  it('explains missing or malformed revision numbers (400) and unknown ones (404)', async () => {
    const page = await createPage(server, { title: fresh('Bad diff') }, editor);
    for (const query of ['', '?from=1', '?to=1', '?from=1&to=x', '?from=0&to=1', '?from=1&to=2.0']) {
      const response = await get(`/wiki/${page.slug}/diff${query}`, reader);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('must both be revision numbers');
      expect(response.body).toContain(`href="/wiki/${page.slug}/history"`);
    }
    const unknown = await get(`/wiki/${page.slug}/diff?from=1&to=7`, reader);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('has revisions 1 to 1');
  });

  it('folds long runs of unchanged paragraphs, keeping one paragraph of context each side', () => {
    const equal = (i: number): DiffBlock => ({ change: 'equal', parts: [{ type: 'equal', text: `same ${i}` }] });
    const changed: DiffBlock = { change: 'modified', parts: [{ type: 'insert', text: 'new' }] };
    const blocks = [...Array.from({ length: 6 }, (_, i) => equal(i)), changed, ...Array.from({ length: 6 }, (_, i) => equal(i + 6))];
    const folded = foldUnchanged(blocks);
    expect(folded.map((item) => (item.kind === 'fold' ? `fold ${item.blocks.length}` : item.block.change))).toEqual([
      'fold 5',
      'equal',
      'modified',
      'equal',
      'fold 5',
    ]);
    expect(foldUnchanged([equal(1), changed, equal(2), equal(3)]).every((item) => item.kind === 'block')).toBe(true);
  });
});

describe('who may do what', () => {
  it('lets a reader see the history but not save or restore: no forms, and 403 when posted anyway', async () => {
    const page = await pageWithRevisions();
    const history = await get(`/wiki/${page.slug}/history`, reader);
    expect(history.statusCode).toBe(200);
    expect(history.body).not.toContain('/history/versions');
    expect(history.body).toContain('Committee draft');
    const revision = await get(`/wiki/${page.slug}/revisions/1`, reader);
    expect(revision.statusCode).toBe(200);
    expect(revision.body).not.toContain('/restore');

    expect((await postForm(`/wiki/${page.slug}/history/versions`, reader, { name: 'Mine' })).statusCode).toBe(403);
    const refused = await postForm(`/wiki/${page.slug}/revisions/1/restore`, reader, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('You do not have permission to do this.');
    expect(revisionCount(page.id)).toBe(3);
  });

  it('lets a visitor read the history of an open page, and asks them to sign in to change anything', async () => {
    const page = await pageWithRevisions();
    for (const path of ['history', 'revisions/1', 'diff?from=1&to=2', 'authors']) {
      const response = await get(`/wiki/${page.slug}/${path}`, null);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('name="_csrf"');
    }
    // A visitor's form carries a valid anonymous CSRF token: what stops it is the permission check.
    const session = await server.app.inject({ url: '/api/v1/session' });
    const csrfCookie = session.cookies.find((c) => c.name === 'ens_csrf')!;
    for (const path of ['revisions/1/restore', 'history/versions']) {
      const posted = await server.app.inject({
        method: 'POST',
        url: `/wiki/${page.slug}/${path}`,
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `ens_csrf=${csrfCookie.value}` },
        payload: new URLSearchParams({ name: 'Anonymous', _csrf: session.json().csrfToken }).toString(),
      });
      expect(posted.statusCode).toBe(401);
      expect(posted.body).toContain('href="/login');
    }
    expect(revisionCount(page.id)).toBe(3);
  });

  it('refuses a form without the CSRF token', async () => {
    const page = await createPage(server, { title: fresh('Forged') }, editor);
    expect((await postForm(`/wiki/${page.slug}/history/versions`, editor, { name: 'Forged' }, 'not-the-token')).statusCode).toBe(403);
    expect(revisionCount(page.id)).toBe(1);
  });
});

describe('restoring from the form', () => {
  it('brings the old text back as a new revision and returns to the page with a notice', async () => {
    const page = await createPage(server, { title: fresh('Restore me') }, admin);
    await write(page.id, admin, 'The first wording');
    saveVersion(page.id, admin, 'Good');
    await write(page.id, editor, 'A regrettable paragraph');
    saveVersion(page.id, editor, 'Before the rollback');

    const response = await postForm(`/wiki/${page.slug}/revisions/2/restore`, editor, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/wiki/${page.slug}?restored=2`);
    const text = await waitFor(async () => (await getPage(server, page.id)).text, (t) => !t.includes('regrettable'), 10_000, 'the restored text');
    expect(text).toContain('The first wording');

    const notice = parse((await get(response.headers.location as string, editor)).body).querySelector('[role="status"]');
    expect(textOf(notice)).toBe('Revision 2 was restored. It is now the current version.');
    const rows = parse((await get(`/wiki/${page.slug}/history`, editor)).body).querySelectorAll('.history-table tbody tr');
    expect(textOf(rows[0].querySelector('th'))).toBe('4');
    expect(textOf(rows[0])).toContain('Restored from revision 2');

    expect((await postForm(`/wiki/${page.slug}/revisions/9/restore`, editor, {})).statusCode).toBe(404);
    expect((await postForm(`/wiki/${page.slug}/revisions/zero/restore`, editor, {})).statusCode).toBe(404);
    expect(revisionCount(page.id)).toBe(4);
  });
});

describe('the authors of the current text', () => {
  it('marks each run with its author by colour, number and hidden text, explained in a legend', async () => {
    const page = await createPage(server, { title: fresh('Two hands') }, admin);
    await write(page.id, admin, 'Written by the admin');
    await write(page.id, editor, 'Added by the editor');
    const response = await get(`/wiki/${page.slug}/authors`, reader);
    expect(response.statusCode).toBe(200);
    const doc = parse(response.body);
    expect(textOf(doc.querySelector('h1'))).toBe(`Who wrote “${page.title}”`);
    const legend = [...doc.querySelectorAll('.history-legend-table tbody tr')].map((row) => ({
      marker: textOf(row.querySelector('.attr')),
      name: textOf(row.querySelector('th')),
      link: row.querySelector('th a')?.getAttribute('href'),
      swatch: row.querySelector('.attr')?.className,
    }));
    const adminEntry = legend.find((l) => l.name === admin.displayName);
    const editorEntry = legend.find((l) => l.name === editor.displayName);
    expect(adminEntry?.link).toBe(`/users/${admin.username}`);
    expect(editorEntry?.link).toBe(`/users/${editor.username}`);
    expect(adminEntry?.swatch).not.toBe(editorEntry?.swatch);

    const runs = [...doc.querySelectorAll('.attributed .attr')];
    const editorRun = runs.find((run) => textOf(run).includes('Added by the editor'));
    expect(editorRun?.querySelector('.attr__marker')?.textContent).toBe(editorEntry?.marker);
    expect(editorRun?.querySelector('.attr__marker')?.getAttribute('aria-hidden')).toBe('true');
    expect(editorRun?.querySelector('.visually-hidden')?.textContent).toBe(`[written by ${editor.displayName}] `);
    expect(editorEntry?.swatch).toBe(`${editorRun?.className} attr-swatch`);
  });

  it('names unknown authors, puts list items in a list, and varies the underline after eight colours', () => {
    const ctx: ViewContext = { locale: 'en', t: translator('en'), path: '/wiki/X/authors', styles: [], viewer: null, csrf: '' };
    const page = { id: 'p', slug: 'X', title: 'X', lang: 'en', html: '', text: '' } as PageRow;
    const authors = Array.from({ length: 9 }, (_, i) => ({ userId: `u${i}`, username: `user${i}`, displayName: `User ${i}`, characters: 1 }));
    const attribution: Attribution = {
      authors: [...authors, { userId: null, username: null, displayName: null, characters: 5 }],
      blocks: [
        { kind: 'h2', runs: [{ author: 0, text: 'Heading' }] },
        { kind: 'listitem', runs: [{ author: 8, text: 'one' }] },
        { kind: 'listitem', runs: [{ author: 9, text: 'two' }] },
      ],
    };
    const view = createElement(AuthorsPage, { ctx, of: { page, space: { name: 'Main', classification: 'unclassified' } }, attribution });
    const doc = parse(renderToStaticMarkup(view));
    expect(doc.querySelector('.attributed h2 .attr')?.className).toBe('attr attr--c0 attr--s0');
    const items = doc.querySelectorAll('.attributed ul > li');
    expect(items).toHaveLength(2);
    expect(items[0].querySelector('.attr')?.className).toBe('attr attr--c0 attr--s1');
    expect(items[1].querySelector('.visually-hidden')?.textContent).toBe('[author unknown] ');
    expect(doc.body.textContent).toContain('Unknown (written before authorship was recorded)');
  });
});
