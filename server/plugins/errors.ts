// The one error module: every error a client can see has an HTTP status, a stable code and a message that
// is safe to show a user. One handler answers with them; stack traces go to the log only.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  badRequest: (message: string) => new AppError(400, 'WIKI_BAD_REQUEST', message),
  invalidSlug: (message: string) => new AppError(400, 'WIKI_INVALID_SLUG', message),
  invalidTitle: (message: string) => new AppError(400, 'WIKI_INVALID_TITLE', message),
  slugTaken: (slug: string) => new AppError(409, 'WIKI_SLUG_TAKEN', `The address "${slug}" is already used by another page.`),
  pageNotFound: () => new AppError(404, 'WIKI_PAGE_NOT_FOUND', 'No page has that id or address.'),
  routeNotFound: () => new AppError(404, 'WIKI_NOT_FOUND', 'Nothing is at that address.'),
  unsupportedMediaType: () => new AppError(415, 'WIKI_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'),
  payloadTooLarge: () => new AppError(413, 'WIKI_PAYLOAD_TOO_LARGE', 'The request body is too large.'),
  signInRequired: () => new AppError(401, 'WIKI_SIGN_IN_REQUIRED', 'Sign in to do this.'),
  invalidToken: () => new AppError(401, 'WIKI_INVALID_TOKEN', 'The API token is not valid, or has been revoked.'),
  forbidden: () => new AppError(403, 'WIKI_FORBIDDEN', 'You do not have permission to do this.'),
  csrf: () => new AppError(403, 'WIKI_CSRF', 'The form has expired or did not come from this site. Reload the page and try again.'),
  tooManyAttempts: () => new AppError(429, 'WIKI_TOO_MANY_ATTEMPTS', 'Too many attempts. Wait a few minutes and try again.'),
  invalidInput: (message: string) => new AppError(400, 'WIKI_INVALID_INPUT', message),
  notFound: (what: 'user' | 'group' | 'space' | 'token' | 'revision') =>
    new AppError(404, `WIKI_${what.toUpperCase()}_NOT_FOUND`, what === 'revision' ? 'The page has no revision with that number.' : `No ${what} has that id.`),
  conflict: (code: string, message: string) => new AppError(409, code, message),
  internal: () => new AppError(500, 'WIKI_INTERNAL', 'Something went wrong on the server. It has been logged.'),
} as const;

export interface ErrorBody {
  code: string;
  message: string;
}

/** Maps any thrown value to the AppError a client may see. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fe = error as Partial<FastifyError> & { validation?: unknown };
  if (fe && fe.validation) {
    return errors.badRequest(`Invalid request: ${fe.message ?? 'the input does not match the schema'}.`);
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.badRequest('The JSON body is empty.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.badRequest('The body is not valid JSON.');
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, 'WIKI_BAD_REQUEST', 'The request could not be understood.');
  }
  return errors.internal();
}

export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, error: AppError) => string;

function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

async function errorsPlugin(app: FastifyInstance, opts: { renderHtml?: HtmlErrorRenderer }) {
  const send = (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
    reply.status(error.statusCode);
    if (opts.renderHtml && wantsHtml(request)) {
      return reply.type('text/html; charset=utf-8').send(opts.renderHtml(request, reply, error));
    }
    const body: ErrorBody = { code: error.code, message: error.message };
    return reply.type('application/json; charset=utf-8').send(body);
  };

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.statusCode }, 'request rejected');
    return send(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => send(request, reply, errors.routeNotFound()));
}

export default fp(errorsPlugin, { name: 'errors' });
