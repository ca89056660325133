// Request and response schemas of the search API: the single source of its types and OpenAPI description.
import { Type, type Static } from '@sinclair/typebox';
import { SpaceRef } from '../pages/schema.js';
import { RANKED_IN_FULL } from './search.service.js';

export const MAX_RESULTS_PER_PAGE = 50;
const WINDOW = RANKED_IN_FULL.toLocaleString('en');
export const DEFAULT_RESULTS_PER_PAGE = 20;
/** Deep offsets cost a scan of everything before them; nobody reads past the 50th page of results. */
export const MAX_OFFSET = 2500;
export const MAX_TITLE_SUGGESTIONS = 10;

const SearchText = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Words to find. Stemmed and accent-folded in English, French, Swedish and Dutch; the last word also matches as a prefix unless followed by a space.',
});
const Lang = Type.Union([Type.Literal('en'), Type.Literal('fr'), Type.Literal('sv'), Type.Literal('nl')]);

export const SearchQuery = Type.Object(
  {
    q: SearchText,
    space: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only pages of this space (id or address).' })),
    lang: Type.Optional(Lang),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RESULTS_PER_PAGE, default: DEFAULT_RESULTS_PER_PAGE })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResult = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    url: Type.String(),
    snippet: Type.String({ description: 'HTML: escaped page text with matched words in <mark>; "…" where it was cut.' }),
    score: Type.Number({ description: 'Relevance (bm25; titles weigh most, then headings, then body). Higher is better.' }),
    space: SpaceRef,
    lang: Type.String(),
  },
  { additionalProperties: false },
);

export const SearchResults = Type.Object(
  {
    total: Type.Integer({ description: `Matching pages you may read, counted up to ${WINDOW}.` }),
    totalExact: Type.Boolean({ description: `False when more pages match than were counted: then at least \`total\` (${WINDOW}) match.` }),
    results: Type.Array(SearchResult, {
      description: `Best first. Past ${WINDOW} matches, pages that match in their title or headings come first, then the others, each group ranked among its ${WINDOW} newest pages.`,
    }),
  },
  { additionalProperties: false },
);

export const TitleQuery = Type.Object(
  {
    q: SearchText,
    space: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only pages of this space (id or address).' })),
  },
  { additionalProperties: false },
);

export const TitleSuggestions = Type.Object(
  {
    results: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
