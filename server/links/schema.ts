// Request and response schemas of the links API.
import { Type, type Static } from '@sinclair/typebox';
import { SpaceRef } from '../pages/schema.js';

export const MAX_BACKLINKS_PER_REQUEST = 200;
export const DEFAULT_BACKLINKS_PER_REQUEST = 50;

export const BacklinksParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Page id (or address).' }) });

export const BacklinksQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BACKLINKS_PER_REQUEST, default: DEFAULT_BACKLINKS_PER_REQUEST })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const Backlink = Type.Object(
  { id: Type.String(), slug: Type.String(), title: Type.String(), url: Type.String(), space: SpaceRef },
  { additionalProperties: false },
);

export const Backlinks = Type.Object(
  {
    items: Type.Array(Backlink),
    total: Type.Integer({ description: 'Pages you may read that link here (the others are neither listed nor counted).' }),
  },
  { additionalProperties: false },
);
export type Backlinks = Static<typeof Backlinks>;
