// REST routes for API tokens under /api/v1/tokens: everyone manages their own; admins may list and revoke
// anyone's. A token never mints a token wider than itself, and others' tokens do not exist for you (404).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canAdminister, canMutate, type TokenScope } from '../auth/permissions.js';
import { errors } from '../plugins/errors.js';
import { callerId, requireSignedIn } from '../auth/guards.js';
import type { TokenRow } from './tokens.repo.js';
import { CreatedToken, CreateTokenBody, errorResponses, ListTokensQuery, Token, TokenList, TokenParams } from './schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function presentToken(row: TokenRow): Token {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scope: row.scope,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

const scopeRank: Record<TokenScope, number> = { read: 1, write: 2 };

export const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tokens, users } = app.services;
  app.addHook('preValidation', requireSignedIn);

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'List your API tokens (admins: anyone’s, with ?userId=)',
        querystring: ListTokensQuery,
        response: { 200: TokenList, ...errorResponses },
      },
    },
    async (request) => {
      const self = callerId(request.principal);
      const userId = request.query.userId ?? self;
      if (userId !== self) {
        if (!canAdminister(request.principal, false)) throw errors.forbidden();
        users.get(userId);
      }
      return { items: tokens.listForUser(userId).map(presentToken) };
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token for your account',
        description: 'The secret is in this response only. A token can create tokens no wider than its own scope.',
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (!canMutate(principal)) throw errors.forbidden();
      const credential = principal.kind === 'user' ? principal.credential : null;
      if (credential?.kind === 'token' && scopeRank[request.body.scope] > scopeRank[credential.scope]) throw errors.forbidden();
      const { token, secret } = tokens.create(callerId(principal), request.body, request.actor);
      return reply.status(201).header('cache-control', 'no-store').send({ token: presentToken(token), secret });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (yours; admins: anyone’s)',
        description: 'Requests and live connections using it stop working at once. Revoking a revoked token succeeds.',
        params: TokenParams,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!canMutate(request.principal)) throw errors.forbidden();
      const token = tokens.find(request.params.id);
      if (!token || (token.user_id !== callerId(request.principal) && !canAdminister(request.principal, true))) throw errors.notFound('token');
      tokens.revoke(token.id, request.actor);
      return reply.status(204).send();
    },
  );
};
