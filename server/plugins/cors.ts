// Cross-origin reads for the portal widgets (/widgets.js): a route opts in with `config: { cors: true }`, never
// by URL matching, and only GET (and its HEAD) routes may. A request whose Origin is one of WIKI_EMBED_ORIGINS
// gets `Access-Control-Allow-Origin: <that origin>`; any other origin gets no CORS header, so its script cannot
// read the answer. Every opted-in answer says `Vary: Origin`, so a shared cache never hands one portal's answer
// to another.
//
// Never `Access-Control-Allow-Credentials`: a portal's script must not read the wiki through its visitor's
// session. Without that header the browser refuses to show a credentialed answer to the script, and as a
// second lock a cross-origin request to these routes is answered as to an anonymous visitor whatever it
// carries (cookie, proxy header, token), so what a portal can read is what the public can. Widgets therefore
// show only what anonymous visitors may read; third-party cookies are blocked in most browsers anyway.
//
// Simple GETs need no preflight; an OPTIONS route is still added beside each opted-in route, so a preflight
// (a script adding a non-safelisted header) gets a clear answer, which allows no extra header, instead of a 404.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymous } from '../auth/permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** true: a GET route the configured portal origins (WIKI_EMBED_ORIGINS) may read cross-origin, anonymously. */
    cors?: boolean;
    /** Marks the OPTIONS routes this plugin adds, so its own onRoute hook leaves them alone. */
    corsPreflight?: boolean;
  }
}

export interface CorsOptions {
  /** Origins whose scripts may read the opted-in routes (WIKI_EMBED_ORIGINS). */
  origins: readonly string[];
  /** WIKI_PUBLIC_URL, when set: this site's own origin. */
  publicUrl: string | null;
}

/** Browsers may cache a preflight answer this long (seconds). */
const PREFLIGHT_MAX_AGE = 600;

function appendVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const list = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((s) => s.trim()).filter(Boolean);
  if (list.includes('*') || list.some((v) => v.toLowerCase() === field.toLowerCase())) return;
  reply.header('vary', [...list, field].join(', '));
}

async function corsPlugin(app: FastifyInstance, opts: CorsOptions) {
  const allowed = new Set(opts.origins);
  const originOf = (request: FastifyRequest): string | null => {
    const origin = request.headers.origin;
    return typeof origin === 'string' && origin !== '' ? origin : null;
  };
  const ownOrigin = (request: FastifyRequest): string => {
    if (opts.publicUrl) return opts.publicUrl;
    try {
      return new URL(`${request.protocol}://${request.host}`).origin;
    } catch {
      return '';
    }
  };
  const isOptedIn = (request: FastifyRequest) => request.routeOptions.config?.cors === true;

  app.addHook('onRoute', (route) => {
    if (route.config?.corsPreflight || !route.config?.cors) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => m !== 'GET' && m !== 'HEAD')) throw new Error(`config.cors is for GET routes only (${String(route.method)} ${route.url})`);
    if (!methods.includes('GET')) return;
    app.route({
      method: 'OPTIONS',
      url: route.url,
      schema: { hide: true },
      config: { cors: true, corsPreflight: true },
      handler: async (request, reply) => {
        reply.header('allow', 'GET, HEAD, OPTIONS');
        const origin = originOf(request);
        if (origin && allowed.has(origin)) {
          reply.header('access-control-allow-methods', 'GET, HEAD').header('access-control-max-age', String(PREFLIGHT_MAX_AGE));
        }
        return reply.status(204).send();
      },
    });
  });

  // After authentication (an onRequest hook): a cross-origin read is an anonymous read.
  app.addHook('preValidation', async (request) => {
    if (!isOptedIn(request)) return;
    const origin = originOf(request);
    if (origin === null || origin === ownOrigin(request)) return;
    request.principal = anonymous;
    request.actor = { id: null, name: 'anonymous', ip: request.ip };
  });

  // onSend, so refusals (400, 404) carry the headers too: a widget can then read why.
  app.addHook('onSend', async (request, reply) => {
    if (!isOptedIn(request)) return;
    appendVary(reply, 'Origin');
    const origin = originOf(request);
    if (origin && allowed.has(origin)) reply.header('access-control-allow-origin', origin);
  });
}

export default fp(corsPlugin, { name: 'cors' });
