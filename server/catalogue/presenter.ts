// Chooses exactly which entry fields leave the server in the API: the listing and its fields, never the page
// text, the space or the problems (those are for the entry's editors, on the page itself).
import type { Static } from '@sinclair/typebox';
import type { CatalogueHit } from '../../shared/catalogue/catalogueIndex.js';
import { pageUrl } from '../pages/presenter.js';
import type { CatalogueEntry } from './schema.js';

export function presentEntry(hit: CatalogueHit): Static<typeof CatalogueEntry> {
  const { fields } = hit;
  return {
    id: hit.id,
    slug: hit.slug,
    title: hit.title,
    url: pageUrl(hit.slug),
    lang: hit.lang,
    updatedAt: hit.updatedAt,
    score: hit.score,
    summary: fields.summary,
    organisation: fields.organisation,
    country: fields.country,
    region: fields.region,
    level: fields.level,
    kind: fields.kind,
    tools: fields.tools,
    year: fields.year,
    status: fields.status,
    languages: fields.languages,
    tags: fields.tags,
    website: fields.website,
    contact: fields.contact,
  };
}
