// Request and response schemas of the spaces API. Bodies refuse unknown fields; responses list every field
// that may leave the server (grants only to admins).
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema } from '../pages/schema.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

const Classification = Type.Union([Type.Literal('unclassified'), Type.Literal('protected-a'), Type.Literal('protected-b')], {
  description: 'Shown as a banner on every page of the space. Protected spaces are never readable without signing in.',
});
const AccessRule = Type.Union([Type.Literal('open'), Type.Literal('restricted')], {
  description: 'open: everyone signed in reads, editors write. restricted: only the granted groups (and admins).',
});
const GrantRole = Type.Union([Type.Literal('reader'), Type.Literal('editor')]);

export const GrantInput = Type.Object(
  { groupId: Type.String({ minLength: 1, maxLength: 64 }), role: GrantRole },
  { additionalProperties: false },
);
const Grants = Type.Array(GrantInput, { maxItems: 200, description: 'Replaces every grant of the space. Each group must exist.' });

export const Space = Type.Object(
  {
    id: Type.String(),
    slug: Type.String(),
    name: Type.String(),
    description: Type.String(),
    classification: Classification,
    access: AccessRule,
    yourAccess: Type.Union([Type.Literal('read'), Type.Literal('write')], { description: 'What the caller may do in the space.' }),
    grants: Type.Optional(
      Type.Array(
        Type.Object({ groupId: Type.String(), groupName: Type.String(), role: GrantRole }, { additionalProperties: false }),
        { description: 'Shown to admins only.' },
      ),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Space = Static<typeof Space>;

export const SpaceList = Type.Object({ items: Type.Array(Space) }, { additionalProperties: false });

export const CreateSpaceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    slug: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Derived from the name when absent.' })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    classification: Type.Optional(Classification),
    access: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('restricted')], { description: 'Default: restricted for Protected B, open otherwise.' })),
    grants: Type.Optional(Grants),
  },
  { additionalProperties: false },
);
export type CreateSpaceBody = Static<typeof CreateSpaceBody>;

export const UpdateSpaceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    classification: Type.Optional(Classification),
    access: Type.Optional(AccessRule),
    grants: Type.Optional(Grants),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SpaceParams = Type.Object({ idOrSlug: Type.String({ minLength: 1, maxLength: 100 }) });
export const SpaceIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
