// Request and response schemas of the catalogue API: the single source of its types and OpenAPI description.
// Facet values are checked by parseCatalogueQuery (shared with the browser), so every way in words a bad
// value the same; the schema bounds sizes and documents the vocabularies.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { KINDS, LEVELS, STATUSES, type Facet } from '../../shared/catalogue/fields.js';
import { MAX_FACET_SELECTION, MAX_QUERY_LENGTH } from '../../shared/catalogue/catalogueQuery.js';

export const MAX_ENTRIES_PER_PAGE = 100;
export const DEFAULT_ENTRIES_PER_PAGE = 20;
/** The catalogue holds at most a few thousand entries. */
export const MAX_ENTRY_OFFSET = 10_000;

const facetParam = (description: string) =>
  Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: MAX_FACET_SELECTION, description: `${description} Repeat the parameter for several values (any of them).` }));

export const CatalogueApiQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_QUERY_LENGTH,
        description: 'Words to find in names, summaries, details and text; stemmed in English, French, Swedish and Dutch. The last word also matches as a prefix unless followed by a space.',
      }),
    ),
    level: facetParam(`Level of government: ${LEVELS.join(', ')}.`),
    kind: facetParam(`Kind of initiative: ${KINDS.join(', ')}.`),
    country: facetParam('ISO 3166-1 alpha-2 country code, or EU.'),
    year: facetParam('Year launched (four digits).'),
    status: facetParam(`${STATUSES.join(' or ')}.`),
    language: facetParam('ISO 639-1 code of a language the initiative works in.'),
    tag: facetParam('A tag (case does not matter).'),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ENTRIES_PER_PAGE, default: DEFAULT_ENTRIES_PER_PAGE })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ENTRY_OFFSET, default: 0 })),
  },
  { additionalProperties: false },
);
export type CatalogueApiQuery = Static<typeof CatalogueApiQuery>;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CatalogueEntry = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String({ description: 'The name of the initiative (the page title).' }),
    url: Type.String(),
    lang: Type.String({ description: 'Language the entry is written in.' }),
    updatedAt: Type.String({ format: 'date-time' }),
    score: Type.Number({ description: 'Relevance to q (higher is better); 0 without q.' }),
    summary: Type.String(),
    organisation: Type.String(),
    country: Nullable(Type.String()),
    region: Type.String(),
    level: Nullable(Type.String()),
    kind: Nullable(Type.String()),
    tools: Type.Array(Type.String()),
    year: Nullable(Type.Integer()),
    status: Nullable(Type.String()),
    languages: Type.Array(Type.String()),
    tags: Type.Array(Type.String()),
    website: Nullable(Type.String()),
    contact: Type.String(),
  },
  { additionalProperties: false },
);

const FacetValue = Type.Object(
  {
    value: Type.String({ description: 'As the facet parameter takes it.' }),
    count: Type.Integer({ description: 'Entries with this value that match q and every other facet chosen.' }),
    label: Type.Optional(Type.String({ description: 'For tags: the spelling to show.' })),
  },
  { additionalProperties: false },
);

export const CatalogueResults = Type.Object(
  {
    total: Type.Integer({ description: 'Matching entries you may read.' }),
    entries: Type.Array(CatalogueEntry),
    facets: Type.Object(
      {
        level: Type.Array(FacetValue),
        kind: Type.Array(FacetValue),
        country: Type.Array(FacetValue),
        year: Type.Array(FacetValue),
        status: Type.Array(FacetValue),
        language: Type.Array(FacetValue),
        tag: Type.Array(FacetValue),
      } satisfies Record<Facet, unknown>,
      {
        additionalProperties: false,
        description: 'For each facet, its values and counts. A facet counts as if nothing were chosen in it, so choosing one value still shows the others.',
      },
    ),
  },
  { additionalProperties: false },
);
export type CatalogueResults = Static<typeof CatalogueResults>;
