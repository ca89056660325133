// Request and response schemas of the accounts API. Bodies refuse unknown fields, so a client cannot set a
// column the route does not name (mass assignment); the response lists every field that may leave the server.
import { Type, type Static } from '@sinclair/typebox';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.js';
import { ErrorSchema } from '../pages/schema.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 415: ErrorSchema };

export const RoleSchema = Type.Union([Type.Literal('reader'), Type.Literal('editor'), Type.Literal('admin')]);

const DisplayName = Type.String({ minLength: 1, maxLength: 100, description: 'Shown beside edits and in presence lists.' });

/** An account as the API shows it. Password hashes and OpenID Connect identifiers never leave the server. */
export const User = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    role: RoleSchema,
    disabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type User = Static<typeof User>;

export const UserList = Type.Object({ items: Type.Array(User) }, { additionalProperties: false });

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, description: 'Letters, digits and . _ @ - (not first). Case-insensitive.' }),
    displayName: Type.Optional(DisplayName),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    role: RoleSchema,
    password: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH, description: 'For local sign-in; at least 12 characters. Absent: the account signs in some other way.' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean({ description: 'A disabled account cannot sign in; its sessions, tokens and live connections stop working.' })),
    displayName: Type.Optional(DisplayName),
  },
  { additionalProperties: false, minProperties: 1, description: 'Admins may change any field; anyone else only their own displayName.' },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
