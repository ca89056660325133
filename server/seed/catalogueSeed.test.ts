import fs from 'node:fs';
import * as Y from 'yjs';
import { TITLE_TEXT } from '../../shared/collabProtocol.js';
import { readEntry, validateEntry } from '../../shared/catalogue/entryDoc.js';
import { LEVELS } from '../../shared/catalogue/fields.js';
import { slugKey, slugProblem } from '../../shared/slug.js';
import { startTestServer, type TestServer } from '../../tests/helpers/testServer.js';
import { buildApp } from '../app.js';
import { loadStoredState } from '../collab/storedState.js';
import type { SeedBlock, SeedInline } from '../render/docSeeder.js';
import { CATALOGUE_ENTRIES, SOURCES_HEADING, type CatalogueSeedEntry } from './catalogue/entries.js';
import { CATALOGUE_SEEDED_KEY, InvalidSeedEntryError, seedCatalogue } from './catalogueSeed.js';

function linksIn(block: SeedBlock): SeedInline[] {
  const inlines = block.kind === 'list' ? block.items.flatMap((item) => (typeof item === 'string' ? [item] : item)) : block.kind === 'paragraph' ? (typeof block.text === 'string' ? [block.text] : block.text) : [];
  return inlines.filter((inline) => typeof inline !== 'string');
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function countIn(server: { app: TestServer['app'] }, spaceId: string): number {
  return server.app.services.db.prepare('SELECT count(*) FROM pages WHERE space_id = ?').pluck().get(spaceId) as number;
}

describe('the seed catalogue data', () => {
  test('every entry validates with no problems', () => {
    for (const entry of CATALOGUE_ENTRIES) {
      expect({ slug: entry.slug, problems: validateEntry({ ...entry.fields }).problems }).toEqual({ slug: entry.slug, problems: [] });
      expect(entry.fields.summary.trim()).not.toBe('');
    }
  });

  test('holds at least 40 entries with unique, valid addresses and unique titles', () => {
    expect(CATALOGUE_ENTRIES.length).toBeGreaterThanOrEqual(40);
    const slugs = CATALOGUE_ENTRIES.map((e) => slugKey(e.slug));
    const titles = CATALOGUE_ENTRIES.map((e) => e.title.toLowerCase());
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(new Set(titles).size).toBe(titles.length);
    for (const entry of CATALOGUE_ENTRIES) expect({ slug: entry.slug, problem: slugProblem(entry.slug) }).toEqual({ slug: entry.slug, problem: null });
  });

  test('every entry ends with a list of web sources under the sources heading of its language', () => {
    for (const entry of CATALOGUE_ENTRIES) {
      const last = entry.blocks.at(-1)!;
      const heading = entry.blocks.at(-2)!;
      expect({ slug: entry.slug, heading }).toEqual({ slug: entry.slug, heading: { kind: 'heading', level: 2, text: SOURCES_HEADING[entry.lang] } });
      expect(last.kind).toBe('list');
      const sources = linksIn(last);
      expect(sources.length).toBeGreaterThanOrEqual(1);
      for (const source of sources) expect({ slug: entry.slug, url: (source as { url: string }).url, web: isWebUrl((source as { url: string }).url) }).toMatchObject({ web: true });
    }
  });

  test('every link and website is an absolute http(s) address, so none is dropped when the page is built', () => {
    for (const entry of CATALOGUE_ENTRIES) {
      for (const link of entry.blocks.flatMap(linksIn)) expect({ slug: entry.slug, url: (link as { url: string }).url, web: isWebUrl((link as { url: string }).url) }).toMatchObject({ web: true });
      if (entry.fields.website) expect({ slug: entry.slug, web: isWebUrl(entry.fields.website) }).toEqual({ slug: entry.slug, web: true });
      // Prose comes first: at least one heading and paragraph before the sources.
      expect(entry.blocks.filter((b) => b.kind === 'paragraph').length).toBeGreaterThanOrEqual(1);
    }
  });

  test('includes the initiatives the product is modelled on', () => {
    const bySlug = new Map(CATALOGUE_ENTRIES.map((e) => [e.slug, e]));
    const required: [string, string, string][] = [
      ['GCpedia', 'GCpedia', 'CA'],
      ['GCconnex', 'GCconnex', 'CA'],
      ['Intellipedia', 'Intellipedia', 'US'],
      ['Ambtenaar-2-0', 'Ambtenaar 2.0', 'NL'],
      ['One-Team-Gov', 'One Team Gov', 'GB'],
      ['One-Team-Gov-Sverige', 'One Team Gov Sverige', 'SE'],
      ['GovLoop', 'GovLoop', 'US'],
    ];
    for (const [slug, title, country] of required) {
      expect({ slug, title: bySlug.get(slug)?.title, country: bySlug.get(slug)?.fields.country }).toEqual({ slug, title, country });
    }
  });

  test('is written in English with at least three entries each in French, Swedish and Dutch', () => {
    const byLang = (lang: CatalogueSeedEntry['lang']) => CATALOGUE_ENTRIES.filter((e) => e.lang === lang).length;
    expect(byLang('fr')).toBeGreaterThanOrEqual(3);
    expect(byLang('sv')).toBeGreaterThanOrEqual(3);
    expect(byLang('nl')).toBeGreaterThanOrEqual(3);
    expect(byLang('en')).toBeGreaterThan(CATALOGUE_ENTRIES.length / 2);
  });

  test('spans at least ten countries and every level of government', () => {
    const countries = new Set(CATALOGUE_ENTRIES.map((e) => e.fields.country).filter(Boolean));
    expect(countries.size).toBeGreaterThanOrEqual(10);
    const levels = new Set(CATALOGUE_ENTRIES.map((e) => e.fields.level).filter(Boolean));
    expect([...levels].sort()).toEqual([...LEVELS].sort());
  });

  test('gives a region only to sub-national initiatives', () => {
    for (const entry of CATALOGUE_ENTRIES.filter((e) => e.fields.region)) {
      expect({ slug: entry.slug, level: entry.fields.level }).toEqual({ slug: entry.slug, level: expect.stringMatching(/^(provincial|municipal)$/) });
    }
  });
});

describe('seeding the catalogue', () => {
  test('creates every entry once in the Catalogue space; a second run and a restart create none', async () => {
    const server = await startTestServer();
    let restarted: Awaited<ReturnType<typeof buildApp>> | null = null;
    try {
      const { db, pages, spaces, updateLog } = server.app.services;
      expect(spaces.find('catalogue')?.id).toBe('catalogue');
      const before = countIn(server, 'catalogue');

      const first = await seedCatalogue(db, pages, spaces, { strict: true });
      expect(first).toEqual({ created: CATALOGUE_ENTRIES.length, skipped: [], invalid: [], spaceId: 'catalogue' });
      expect(countIn(server, 'catalogue')).toBe(before + CATALOGUE_ENTRIES.length);
      expect(db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(CATALOGUE_SEEDED_KEY)).toBe(1);

      // Each page holds its entry's fields and title in its stored Y.Doc, exactly as validated.
      for (const entry of CATALOGUE_ENTRIES) {
        const page = pages.findBySlug(entry.slug)!;
        expect({ slug: entry.slug, title: page.title, lang: page.lang, space: page.space_id }).toEqual({ slug: entry.slug, title: entry.title, lang: entry.lang, space: 'catalogue' });
        const doc = new Y.Doc();
        try {
          Y.applyUpdate(doc, loadStoredState(updateLog, page.id));
          expect(doc.getText(TITLE_TEXT).toString()).toBe(entry.title);
          expect(readEntry(doc)).toEqual({ fields: validateEntry({ ...entry.fields }).fields, problems: [] });
        } finally {
          doc.destroy();
        }
      }

      // The rendered page carries the prose and the sources, in the page's language.
      const gcpedia = (await server.app.inject({ url: '/api/v1/pages/GCpedia' })).json();
      expect(gcpedia.text).toContain('MediaWiki');
      expect(gcpedia.html).toContain('href="https://en.wikipedia.org/wiki/GCpedia"');
      const sv = (await server.app.inject({ url: '/api/v1/pages/One-Team-Gov-Sverige' })).json();
      expect(sv.lang).toBe('sv');
      expect(sv.text).toContain('Källor');

      // A later run does nothing, even after someone deleted an entry.
      db.prepare("DELETE FROM pages WHERE slug = 'GovLoop'").run();
      const count = countIn(server, 'catalogue');
      expect(await seedCatalogue(db, pages, spaces, { strict: true })).toEqual({ created: 0, skipped: [], invalid: [], spaceId: null });
      expect(countIn(server, 'catalogue')).toBe(count);

      // Nor does a restart on the same data directory.
      await server.app.close();
      restarted = await buildApp(server.config, { logger: false });
      expect(await seedCatalogue(restarted.services.db, restarted.services.pages, restarted.services.spaces, { strict: true })).toMatchObject({ created: 0 });
      expect(countIn({ app: restarted }, 'catalogue')).toBe(count);
    } finally {
      if (restarted) {
        await restarted.close();
        fs.rmSync(server.dataDir, { recursive: true, force: true });
      } else {
        await server.close();
      }
    }
  });

  test('leaves a page that already has an entry’s address alone', async () => {
    const server = await startTestServer();
    try {
      const { db, pages, spaces } = server.app.services;
      const mine = await pages.create({ title: 'My GCpedia notes', slug: 'gcpedia' }, { spaceId: 'main', userId: server.accounts.editor.id });
      const result = await seedCatalogue(db, pages, spaces, { strict: true });
      expect(result).toEqual({ created: CATALOGUE_ENTRIES.length - 1, skipped: ['GCpedia'], invalid: [], spaceId: 'catalogue' });
      const page = pages.findBySlug('GCpedia')!;
      expect({ id: page.id, title: page.title, space: page.space_id }).toEqual({ id: mine.id, title: 'My GCpedia notes', space: 'main' });
    } finally {
      await server.close();
    }
  });

  test('refuses an invalid entry: strictly it creates nothing, otherwise it logs and skips it', async () => {
    const server = await startTestServer();
    try {
      const { db, pages, spaces } = server.app.services;
      const good = CATALOGUE_ENTRIES.find((e) => e.slug === 'Intellipedia')!;
      const bad: CatalogueSeedEntry = { ...good, title: 'Bad entry', slug: 'Bad-entry', fields: { ...good.fields, country: 'XX', year: 1066 } };

      await expect(seedCatalogue(db, pages, spaces, { strict: true, entries: [good, bad] })).rejects.toThrow(InvalidSeedEntryError);
      expect(pages.findBySlug('Intellipedia')).toBeUndefined();
      expect(db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(CATALOGUE_SEEDED_KEY)).toBeUndefined();

      // Without the Catalogue space the entries go to Main, with a warning.
      db.prepare("DELETE FROM spaces WHERE id = 'catalogue'").run();
      spaces.refresh();
      const warnings: { details: object; message: string }[] = [];
      const log = { info: () => {}, warn: (details: object, message: string) => warnings.push({ details, message }) };
      const result = await seedCatalogue(db, pages, spaces, { entries: [good, bad], log });
      expect(result).toEqual({ created: 1, skipped: [], invalid: ['Bad-entry'], spaceId: 'main' });
      expect(pages.findBySlug('Intellipedia')?.space_id).toBe('main');
      expect(pages.findBySlug('Bad-entry')).toBeUndefined();
      expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('"catalogue" space does not exist'), 'skipped an invalid seed catalogue entry']);
      expect(warnings[1].details).toMatchObject({ slug: 'Bad-entry', problems: [{ field: 'country', code: 'unknownCountry' }, { field: 'year', code: 'yearRange' }] });
    } finally {
      await server.close();
    }
  });
});
