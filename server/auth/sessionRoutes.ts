// GET /api/v1/session: who the caller is, and the CSRF token a browser script sends back with mutations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const SessionInfo = Type.Object(
  {
    user: Type.Union([
      Type.Object(
        {
          id: Type.String(),
          username: Type.String(),
          displayName: Type.String(),
          role: Type.Union([Type.Literal('reader'), Type.Literal('editor'), Type.Literal('admin')]),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    authenticatedBy: Type.Union([Type.Literal('session'), Type.Literal('token'), Type.Literal('header'), Type.Null()]),
    csrfToken: Type.String({ description: 'Send as the x-csrf-token header with requests authenticated by the session cookie.' }),
  },
  { additionalProperties: false },
);

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/session', { schema: { tags: ['session'], summary: 'The signed-in account, if any', response: { 200: SessionInfo } } }, async (request, reply) => {
    const principal = request.principal;
    reply.header('cache-control', 'no-store');
    return {
      user:
        principal.kind === 'user'
          ? { id: principal.account.id, username: principal.account.username, displayName: principal.account.displayName, role: principal.account.role }
          : null,
      authenticatedBy: principal.kind === 'user' ? principal.credential.kind : null,
      csrfToken: request.csrfToken(),
    };
  });
};
