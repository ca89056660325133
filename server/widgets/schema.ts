// Schemas of the widgets' own endpoint, GET /api/v1/recent: the single source of its types, its validation and
// its entry in the OpenAPI document.
import { Type, type Static } from '@sinclair/typebox';

export const DEFAULT_RECENT = 10;
/** A portal box shows a handful; more is what /api/v1/pages (paged) or the Atom feeds are for. */
export const MAX_RECENT = 50;

export const RecentQuery = Type.Object(
  {
    space: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only pages of this space (id or address).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RECENT, default: DEFAULT_RECENT })),
  },
  { additionalProperties: false },
);
export type RecentQuery = Static<typeof RecentQuery>;

export const RecentPage = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    title: Type.String(),
    url: Type.String({ description: 'Absolute permanent link (/p/:id): it survives renames.' }),
    space: Type.Object({ slug: Type.String(), name: Type.String() }, { additionalProperties: false }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const RecentPages = Type.Object({ items: Type.Array(RecentPage) }, { additionalProperties: false });
export type RecentPages = Static<typeof RecentPages>;
