// Picks each request's interface language: ?lang= (remembered in a cookie), then the cookie, then
// Accept-Language, then English. Exposes request.locale and request.t.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { defaultLocale, isLocale, translator, type Locale, type Translate } from '../../shared/i18n/index.js';

export const LOCALE_COOKIE = 'ens_lang';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
  }
}

export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? null;
}

async function i18nPlugin(app: FastifyInstance) {
  app.decorateRequest('locale', defaultLocale);
  app.decorateRequest('t', null as unknown as Translate);
  app.addHook('onRequest', async (request, reply) => {
    const asked = (request.query as Record<string, unknown> | undefined)?.lang;
    let locale: Locale | null = null;
    if (isLocale(asked)) {
      locale = asked;
      reply.setCookie(LOCALE_COOKIE, asked, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, httpOnly: true });
    }
    const fromCookie = request.cookies?.[LOCALE_COOKIE];
    locale ??= isLocale(fromCookie) ? fromCookie : null;
    locale ??= localeFromAcceptLanguage(request.headers['accept-language']);
    request.locale = locale ?? defaultLocale;
    request.t = translator(request.locale);
  });
}

export default fp(i18nPlugin, { name: 'i18n', dependencies: ['@fastify/cookie'] });
