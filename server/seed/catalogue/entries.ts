// The seed Gov 2.0 catalogue: real initiatives with sourced facts, created once on a wiki's first start
// (server/seed/catalogueSeed.ts). Split by region to keep each file readable; the order here is the order
// the pages are created in.
import { canadaEntries } from './entries-canada.js';
import type { CatalogueSeedEntry } from './entries-common.js';
import { franceSpainEuEntries } from './entries-france-spain-eu.js';
import { nordicBalticEntries } from './entries-nordic-baltic.js';
import { ukBeneluxEntries } from './entries-uk-benelux.js';
import { usEntries } from './entries-us.js';
import { worldEntries } from './entries-world.js';

export type { CatalogueSeedEntry, SeedEntryFields, SeedLang } from './entries-common.js';
export { SOURCES_HEADING } from './entries-common.js';

export const CATALOGUE_ENTRIES: readonly CatalogueSeedEntry[] = Object.freeze([
  ...canadaEntries,
  ...usEntries,
  ...ukBeneluxEntries,
  ...nordicBalticEntries,
  ...franceSpainEuEntries,
  ...worldEntries,
]);
