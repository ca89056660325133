// Request and response schemas of the groups API. Bodies refuse unknown fields; responses list every field
// that may leave the server.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema } from '../pages/schema.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

export const Group = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    memberCount: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Group = Static<typeof Group>;

export const GroupList = Type.Object({ items: Type.Array(Group) }, { additionalProperties: false });

export const CreateGroupBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80, description: 'Unique, ignoring case.' }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;

export const UpdateGroupBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Member = Type.Object(
  { id: Type.String(), username: Type.String(), displayName: Type.String() },
  { additionalProperties: false },
);

export const MemberList = Type.Object({ items: Type.Array(Member) }, { additionalProperties: false });

export const GroupParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const MemberParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), userId: Type.String({ minLength: 1, maxLength: 64 }) });
