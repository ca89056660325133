// The shape of a seed catalogue entry and the one helper that turns its prose into page blocks, shared by the
// entries-*.ts files. Facts only where sure: a field left out is better than a guessed one, because public
// servants cite these pages. Every entry ends with its sources.
import type { Kind, Level, Status } from '../../../shared/catalogue/fields.js';
import type { SeedBlock, SeedInline } from '../../render/docSeeder.js';

export type SeedLang = 'en' | 'fr' | 'sv' | 'nl';

/** Raw field values as an author writes them; validateEntry (shared/catalogue/entryDoc.ts) checks them all. */
export interface SeedEntryFields {
  summary: string;
  organisation?: string;
  /** ISO 3166-1 alpha-2, or EU. */
  country?: string;
  /** Only for sub-national initiatives. */
  region?: string;
  level?: Level;
  kind?: Kind;
  tools?: string[];
  year?: number;
  status?: Status;
  languages?: string[];
  tags?: string[];
  website?: string;
  /** A public, generic channel only. */
  contact?: string;
}

export interface CatalogueSeedEntry {
  title: string;
  /** Stable ASCII address: /wiki/<slug>. */
  slug: string;
  lang: SeedLang;
  fields: SeedEntryFields;
  blocks: SeedBlock[];
}

export interface SeedSource {
  text: string;
  url: string;
}

/** The heading the sources list sits under, in the entry's language. */
export const SOURCES_HEADING: Record<SeedLang, string> = { en: 'Sources', fr: 'Sources', sv: 'Källor', nl: 'Bronnen' };

/**
 * An entry from its prose: each section is [heading, ...paragraphs] (a paragraph may mix text and links), and
 * the sources become a list of links under the language's "Sources" heading.
 */
export function entry(input: {
  title: string;
  slug: string;
  lang: SeedLang;
  fields: SeedEntryFields;
  sections: [string, ...(string | SeedInline[])[]][];
  sources: SeedSource[];
}): CatalogueSeedEntry {
  const blocks: SeedBlock[] = [];
  for (const [heading, ...paragraphs] of input.sections) {
    blocks.push({ kind: 'heading', level: 2, text: heading });
    for (const text of paragraphs) blocks.push({ kind: 'paragraph', text });
  }
  blocks.push({ kind: 'heading', level: 2, text: SOURCES_HEADING[input.lang] });
  blocks.push({ kind: 'list', items: input.sources.map((source) => [{ text: source.text, url: source.url }]) });
  return { title: input.title, slug: input.slug, lang: input.lang, fields: input.fields, blocks };
}
