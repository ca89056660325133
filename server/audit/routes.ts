// GET /api/v1/audit: the audit log for admins, newest first, with keyset paging (?before=).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireAdmin } from '../auth/guards.js';
import { AuditPage, AuditQuery, errorResponses } from './schema.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { audit } = app.services;

  app.get(
    '/audit',
    {
      preValidation: requireAdmin,
      schema: { tags: ['audit'], summary: 'Read the audit log (admins)', querystring: AuditQuery, response: { 200: AuditPage, ...errorResponses } },
    },
    async (request) => {
      const { events, more } = audit.list(request.query.limit ?? 50, request.query.before);
      return {
        events: events.map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
        nextCursor: more ? events[events.length - 1].id : null,
      };
    },
  );
};
