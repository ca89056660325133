// Request and response schemas of the API-token routes. The secret appears in exactly one response: the
// one that creates the token.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorSchema } from '../pages/schema.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 415: ErrorSchema };

const Scope = Type.Union([Type.Literal('read'), Type.Literal('write')], {
  description: 'read: GET requests and read-only live connections. write: everything the account may do.',
});

export const Token = Type.Object(
  {
    id: Type.String(),
    userId: Type.String({ description: 'The account the token acts as.' }),
    name: Type.String(),
    scope: Scope,
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Updated at most once a minute.' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type Token = Static<typeof Token>;

export const TokenList = Type.Object({ items: Type.Array(Token) }, { additionalProperties: false });

export const CreatedToken = Type.Object(
  {
    token: Token,
    secret: Type.String({ description: 'Send as `Authorization: Bearer <secret>`. Shown only now; the server keeps only its hash.' }),
  },
  { additionalProperties: false },
);

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80, description: 'What the token is for, e.g. the portal that uses it.' }), scope: Scope },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const ListTokensQuery = Type.Object(
  { userId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Admins: list this account’s tokens instead of your own.' })) },
  { additionalProperties: false },
);

export const TokenParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
