// First-start content: the seed Gov 2.0 catalogue, one page per initiative in the Catalogue space.
// Runs from main.ts (not buildApp), so tests start from an empty wiki. It runs once per wiki: a settings key
// records that it ran, so an entry someone deleted does not come back, and a page already at an entry's
// address is left alone (never overwritten, never duplicated).
import { validateEntry } from '../../shared/catalogue/entryDoc.js';
import type { EntryProblem } from '../../shared/catalogue/fields.js';
import type { PagesService } from '../pages/pages.service.js';
import type { Db } from '../plugins/db.js';
import { AppError } from '../plugins/errors.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import { CATALOGUE_ENTRIES, type CatalogueSeedEntry } from './catalogue/entries.js';

/** Bump the version to seed a revised catalogue into wikis that already have the first one. */
export const CATALOGUE_SEEDED_KEY = 'seed.catalogue.v1';
export const CATALOGUE_SPACE_ID = 'catalogue';
const FALLBACK_SPACE_ID = 'main';

/** The part of the app's (pino) logger the seeder uses. */
export interface SeedLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface SeedCatalogueOptions {
  log?: SeedLog;
  /** Refuse the whole seed when an entry is invalid (tests); otherwise the entry is logged and skipped. */
  strict?: boolean;
  /** The entries to seed; the shipped catalogue by default. */
  entries?: readonly CatalogueSeedEntry[];
  now?: Date;
}

export interface SeedCatalogueResult {
  /** Pages created by this run. */
  created: number;
  /** Slugs left alone because a page already had that address. */
  skipped: string[];
  /** Slugs refused because a field failed validation or the page could not be created. */
  invalid: string[];
  /** The space the entries went to, or null when the seed had already run. */
  spaceId: string | null;
}

export class InvalidSeedEntryError extends Error {
  constructor(readonly slug: string, readonly problems: EntryProblem[]) {
    super(`The seed catalogue entry "${slug}" is invalid: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
    this.name = 'InvalidSeedEntryError';
  }
}

/** Creates the catalogue entries the first time a wiki starts; later runs do nothing. */
export async function seedCatalogue(db: Db, pages: PagesService, spaces?: SpacesService, options: SeedCatalogueOptions = {}): Promise<SeedCatalogueResult> {
  const result: SeedCatalogueResult = { created: 0, skipped: [], invalid: [], spaceId: null };
  if (db.prepare('SELECT 1 FROM settings WHERE key = ?').pluck().get(CATALOGUE_SEEDED_KEY)) return result;

  const entries = options.entries ?? CATALOGUE_ENTRIES;
  const checked = entries.map((entry) => ({ entry, ...validateEntry({ ...entry.fields }, options.now) }));
  // In strict mode nothing is created unless every entry is valid, so a bad entry cannot half-seed a wiki.
  const firstInvalid = checked.find((c) => c.problems.length > 0);
  if (options.strict && firstInvalid) throw new InvalidSeedEntryError(firstInvalid.entry.slug, firstInvalid.problems);

  const spaceId = catalogueSpaceExists(db, spaces) ? CATALOGUE_SPACE_ID : FALLBACK_SPACE_ID;
  if (spaceId !== CATALOGUE_SPACE_ID) {
    options.log?.warn({ space: FALLBACK_SPACE_ID }, `the "${CATALOGUE_SPACE_ID}" space does not exist: seeding the catalogue into "${FALLBACK_SPACE_ID}"`);
  }
  result.spaceId = spaceId;

  for (const { entry, fields, problems } of checked) {
    if (problems.length > 0) {
      options.log?.warn({ slug: entry.slug, problems }, 'skipped an invalid seed catalogue entry');
      result.invalid.push(entry.slug);
      continue;
    }
    if (pages.findBySlug(entry.slug)) {
      result.skipped.push(entry.slug);
      continue;
    }
    try {
      await pages.create({ title: entry.title, slug: entry.slug, lang: entry.lang, blocks: entry.blocks, entry: fields }, { spaceId, userId: null });
      result.created++;
    } catch (error) {
      // The address was taken some other way (a page id, a race): someone else's page wins.
      if (error instanceof AppError && error.code === 'WIKI_SLUG_TAKEN') {
        result.skipped.push(entry.slug);
        continue;
      }
      if (options.strict || !(error instanceof AppError)) throw error;
      options.log?.warn({ slug: entry.slug, code: error.code, message: error.message }, 'could not create a seed catalogue entry');
      result.invalid.push(entry.slug);
    }
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(CATALOGUE_SEEDED_KEY, new Date().toISOString());
  return result;
}

function catalogueSpaceExists(db: Db, spaces?: SpacesService): boolean {
  if (spaces) return spaces.find(CATALOGUE_SPACE_ID)?.id === CATALOGUE_SPACE_ID;
  return db.prepare('SELECT 1 FROM spaces WHERE id = ?').pluck().get(CATALOGUE_SPACE_ID) !== undefined;
}
