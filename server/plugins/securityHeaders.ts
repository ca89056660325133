// Security headers on every response: a strict Content-Security-Policy (scripts and styles only from this
// origin, nothing inline but style attributes), no MIME sniffing, and no framing. The one exception is opted
// into per route (`config.embed`), never by matching URLs: the /embed/... views may be framed by the portal
// origins of WIKI_EMBED_ORIGINS, and the script and stylesheet those views load may be fetched by them.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'frame': a read-only view that the configured portals (and this site) may frame: frame-ancestors lists
     * them, and X-Frame-Options is left out (it cannot express a list). 'subresource': a script or stylesheet
     * such a view loads; a sandboxed frame has an opaque origin, so Cross-Origin-Resource-Policy must allow
     * any origin to load it (it holds nothing per-user).
     */
    embed?: 'frame' | 'subresource';
  }
}

export interface SecurityHeadersOptions {
  /** Origins that may frame the views marked `embed: 'frame'` (WIKI_EMBED_ORIGINS). */
  embedOrigins: readonly string[];
}

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // Rendered pages keep Lexical's white-space/text-align style attributes (the sanitizer allows no
  // other properties), and the editor positions remote cursors with inline styles.
  styleSrcAttr: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  // 'self' covers the same-origin ws(s):// live-sync socket.
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

async function securityHeaders(app: FastifyInstance, opts: SecurityHeadersOptions) {
  // Registered before helmet, whose own onRoute hook turns a route's `helmet` option into its settings.
  app.addHook('onRoute', (route) => {
    const embed = route.config?.embed;
    if (embed === 'frame') {
      route.helmet = {
        contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ["'self'", ...opts.embedOrigins] } },
        xFrameOptions: false,
      };
    } else if (embed === 'subresource') {
      route.helmet = { crossOriginResourcePolicy: { policy: 'cross-origin' } };
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    // Helmet's default is SAMEORIGIN; nothing here is framed by the site itself except embeds, which opt in.
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
