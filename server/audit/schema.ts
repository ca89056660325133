// Request and response schemas of the audit-log API.
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../pages/schema.js';

export const errorResponses = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export const MAX_AUDIT_PAGE = 200;

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'nextCursor from the previous page: events older than this one.' })),
  },
  { additionalProperties: false },
);

export const AuditEvent = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actor: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), name: Type.String() }, { additionalProperties: false }),
    action: Type.String({ examples: ['user.role_changed'] }),
    target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }, { additionalProperties: false }), Type.Null()]),
    details: Type.Object({}, { additionalProperties: true, description: 'Plain facts about the event (names, roles, scopes); never secrets.' }),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object(
  {
    events: Type.Array(AuditEvent, { description: 'Newest first.' }),
    nextCursor: Type.Union([Type.Integer(), Type.Null()], { description: 'Pass as ?before= for older events; null at the end.' }),
  },
  { additionalProperties: false },
);
