// Large result sets, asked-for filters and the index's own tables, on a real server's SQLite file. Pages are
// seeded on the server; a SearchService with a small ranked-in-full size stands in for 3,000 matches.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { apiCall, startTestServer, tempDataDir, type TestServer } from '../../tests/helpers/testServer.js';
import { migrationsDir } from '../paths.js';
import { migrate, openDatabase } from '../plugins/db.js';
import type { SeedBlock } from '../render/docSeeder.js';
import { filterTerm, SearchRepo } from './search.repo.js';
import { RANKED_IN_FULL, SearchService } from './search.service.js';
import { MAX_OFFSET, MAX_RESULTS_PER_PAGE } from './schema.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function seeded(title: string, blocks: SeedBlock[], options: { lang?: string; spaceId?: string } = {}) {
  return server.app.services.pages.create({ title, blocks, lang: options.lang }, { spaceId: options.spaceId ?? 'main', userId: server.accounts.editor.id });
}
const paragraph = (text: string): SeedBlock => ({ kind: 'paragraph', text });
/** The server's search, ranking at most `rankedInFull` matches in full. */
const searchRankingAtMost = (rankedInFull: number) =>
  new SearchService({ repo: new SearchRepo(server.app.services.db), log: server.app.log, rankedInFull });
const ids = (hits: { id: string }[]) => hits.map((hit) => hit.id);

describe('large result sets', () => {
  test('past the ranked-in-full size, the total is a lower bound and pages with the words in a title or heading come first, however old', async () => {
    const titled = await seeded('Heron survey', [paragraph('Birds of the marsh.')]);
    const headed = await seeded('Marsh notes', [{ kind: 'heading', level: 2, text: 'Heron nests' }, paragraph('Reeds and rushes.')]);
    const inBody = [];
    for (let i = 1; i <= 6; i++) inBody.push(await seeded(`Field day ${i}`, [paragraph(`A heron flew by at noon, day ${i}.`)]));

    const { total, totalExact, hits } = searchRankingAtMost(4).search('heron ', { spaceIds: ['main'], limit: 20, offset: 0 });
    expect({ total, totalExact }).toEqual({ total: 4, totalExact: false });
    expect(ids(hits.slice(0, 2))).toEqual([titled.id, headed.id]);
    // The others are ranked among their 4 newest.
    expect(ids(hits.slice(2)).sort()).toEqual(ids(inBody.slice(-4)).sort());
    // Typed without the space, the word is also a prefix: counted from the whole word first, the same answer.
    const typing = searchRankingAtMost(4).search('heron', { spaceIds: ['main'], limit: 20, offset: 0 });
    expect({ total: typing.total, totalExact: typing.totalExact, ids: ids(typing.hits) }).toEqual({ total, totalExact, ids: ids(hits) });

    // With the real size, all eight are counted and ranked together.
    const response = await apiCall(server, 'GET', '/search?q=heron%20', null);
    expect(response.json()).toMatchObject({ total: 8, totalExact: true });
    expect(ids(response.json().results.slice(0, 2))).toEqual([titled.id, headed.id]);
  });

  test('paging through a large result set shows each result once, in the order of one long page', async () => {
    for (let i = 1; i <= 7; i++) await seeded(i <= 2 ? `Egret count ${i}` : `Shore walk ${i}`, [paragraph(`An egret in the shallows, walk ${i}.`)]);
    const search = searchRankingAtMost(5);
    const options = { spaceIds: ['main'], offset: 0 };
    const all = ids(search.search('egret ', { ...options, limit: 20 }).hits);
    const paged = [0, 3, 6, 9].flatMap((offset) => ids(search.search('egret ', { ...options, limit: 3, offset }).hits));
    expect(all).toHaveLength(7);
    expect(paged).toEqual(all);
  });

  test('the deepest result the API serves is within reach of either way of ranking', () => {
    expect(RANKED_IN_FULL).toBeGreaterThanOrEqual(MAX_OFFSET + MAX_RESULTS_PER_PAGE);
  });

  test('past its window, the typeahead offers the newest matching titles', async () => {
    const kestrels = [];
    for (let i = 1; i <= 5; i++) kestrels.push(await seeded(`Kestrel report ${i}`, []));
    const titles = searchRankingAtMost(3).titles('kestr', ['main'], 10);
    expect(ids(titles).sort()).toEqual(ids(kestrels.slice(-3)).sort());
    expect(server.app.services.search.titles('kestr', ['main'], 10)).toHaveLength(5);
  });
});

describe('filters', () => {
  test('a search of one space or one language finds only its pages, and words never match the filter terms', async () => {
    const french = await seeded('Sarcelle', [paragraph('Une sarcelle sur le lac.')], { lang: 'fr' });
    const english = await seeded('Teal', [paragraph('A sarcelle, as the French say.')]);
    const find = async (query: string) => ids((await apiCall(server, 'GET', `/search?${query}`, null)).json().results);
    expect((await find('q=sarcelle')).sort()).toEqual([french.id, english.id].sort());
    expect(await find('q=sarcelle&lang=fr')).toEqual([french.id]);
    expect(await find('q=sarcelle&lang=en')).toEqual([english.id]);
    expect(await find('q=sarcelle&space=main&lang=fr')).toEqual([french.id]);
    // The terms that stand for the page's space and language are not words of the page.
    for (const term of [filterTerm('space', 'main'), filterTerm('lang', 'fr'), filterTerm('space', 'main').slice(0, 3)]) {
      expect(await find(`q=${term}`)).toEqual([]);
    }
  });

  test('any space id or language stays one filter term', () => {
    for (const value of ['fr-CA', 'main', 'x y', 'é']) expect(filterTerm('lang', value)).toMatch(/^l[a-z0-9]+$/);
    expect(filterTerm('lang', 'fr-CA')).not.toBe(filterTerm('lang', 'frca'));
  });

  test('a page that moves to a space the reader may not read leaves their results in the same statement', async () => {
    const closed = (await apiCall(server, 'POST', '/spaces', server.accounts.admin, { name: 'Closed', classification: 'protected-b', grants: [] })).json() as { id: string };
    const page = await seeded('Bittern watch', [paragraph('The bittern booms at dusk.')]);
    const find = async () => ids((await apiCall(server, 'GET', '/search?q=bittern', null)).json().results);
    expect(await find()).toEqual([page.id]);
    // Nothing moves pages between spaces yet; whatever will, the permission filter follows the pages row.
    server.app.services.db.prepare('UPDATE pages SET space_id = ? WHERE id = ?').run(closed.id, page.id);
    expect(await find()).toEqual([]);
  });
});

describe('the index tables', () => {
  test('deleting a page deletes its rows from every index table', async () => {
    const page = await seeded('Plover nesting', [{ kind: 'heading', level: 2, text: 'Plover eggs' }, paragraph('Plover chicks run early.')]);
    const { db } = server.app.services;
    const rows = () => [
      db.prepare(`SELECT count(*) FROM page_search WHERE page_search MATCH '"plover"'`).pluck().get(),
      db.prepare(`SELECT count(*) FROM page_search_heads WHERE page_search_heads MATCH '"plover"'`).pluck().get(),
      db.prepare('SELECT count(*) FROM page_search_rows WHERE page_id = ?').pluck().get(page.id),
    ];
    expect(rows()).toEqual([1, 1, 1]);
    expect((await apiCall(server, 'DELETE', `/pages/${page.id}`, server.accounts.admin)).statusCode).toBe(204);
    expect(rows()).toEqual([0, 0, 0]);
  });

  test('an index of the first search schema is emptied by the upgrade and rebuilt from the stored pages', async () => {
    const dataDir = tempDataDir();
    const oldMigrations = fs.mkdtempSync(path.join(dataDir, 'migrations-'));
    const db = openDatabase(path.join(dataDir, 'upgrade.db'), 'NORMAL');
    try {
      for (const name of fs.readdirSync(migrationsDir).filter((n) => n < '20261128110000')) fs.copyFileSync(path.join(migrationsDir, name), path.join(oldMigrations, name));
      migrate(db, oldMigrations);
      // A page and its row as the first search schema's code stored them.
      db.prepare(`INSERT INTO pages (id, slug, slug_key, title, lang, html, text, created_at, updated_at, version, rendered_version, space_id)
        VALUES ('upgradepage1', 'Avocet', 'avocet', 'Avocet', 'en', '<p>An avocet wades.</p>', 'An avocet wades.', 1, 1, 1, 1, 'main')`).run();
      db.prepare(`INSERT INTO page_search (rowid, title, headings, body) SELECT rowid, 'avocet', '', 'avocet wade' FROM pages WHERE id = 'upgradepage1'`).run();
      db.prepare(`INSERT INTO page_search_rows (rowid, page_id) SELECT rowid, id FROM pages WHERE id = 'upgradepage1'`).run();

      expect(migrate(db)).toContain('20261128110000-search-ranking.sql');
      expect(db.prepare('SELECT count(*) FROM page_search_rows').pluck().get()).toBe(0);
      const search = new SearchService({ repo: new SearchRepo(db), log: server.app.log });
      expect(search.search('avocet', { spaceIds: ['main'], limit: 10, offset: 0 }).total).toBe(0);
      expect(await search.indexMissing()).toBe(1);
      expect(ids(search.search('avocets', { spaceIds: ['main'], lang: 'en', limit: 10, offset: 0 }).hits)).toEqual(['upgradepage1']);
      expect(ids(search.titles('avo', ['main'], 10))).toEqual(['upgradepage1']);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
