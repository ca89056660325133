// The live-sync endpoint: ws(s)://host/collab/:pageId, speaking the stock y-websocket protocol.
// The upgrade is authenticated like any request (session cookie, proxy header or bearer token) and its
// Origin must be this site's, so another site cannot open a socket with a visitor's cookie.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CloseCode } from '../../shared/collabProtocol.js';
import type { PagesRepo } from '../pages/pages.repo.js';
import type { SpacesService } from '../spaces/spaces.service.js';
import type { CollabHub } from './collabHub.js';

const PAGE_ID = /^[a-z0-9]{1,64}$/;

export interface CollabRouteDeps {
  hub: CollabHub;
  pages: PagesRepo;
  spaces: SpacesService;
  /** The site's public origin when configured (WIKI_PUBLIC_URL); otherwise the request's own host. */
  publicUrl: string | null;
}

/** Browsers always send Origin on WebSocket upgrades; other clients (scripts) have no ambient cookie to abuse. */
export function originAllowed(request: FastifyRequest, publicUrl: string | null): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin;
  return parsed.host === request.headers.host;
}

export async function collabRoutes(app: FastifyInstance, { hub, pages, spaces, publicUrl }: CollabRouteDeps) {
  app.get<{ Params: { pageId: string } }>('/collab/:pageId', { websocket: true }, (socket, request) => {
    const refuse = (close: { code: number; reason: string }) => socket.close(close.code, close.reason);
    if (!originAllowed(request, publicUrl)) return refuse(CloseCode.Forbidden);
    const principal = request.principal;
    // A bearer token that did not verify: the client must sign in again, not read anonymously.
    if (principal.kind === 'anonymous' && request.headers.authorization !== undefined) return refuse(CloseCode.Unauthorized);
    const { pageId } = request.params;
    const page = PAGE_ID.test(pageId) ? pages.findById(pageId) : undefined;
    if (!page) return refuse(CloseCode.PageNotFound);
    const access = spaces.access(principal, page.space_id);
    if (access === 'none') return refuse(principal.kind === 'anonymous' ? CloseCode.Unauthorized : CloseCode.Forbidden);
    hub.connect(socket, pageId, {
      canWrite: access === 'write',
      identity:
        principal.kind === 'user'
          ? { userId: principal.account.id, displayName: principal.account.displayName, credential: principal.credential }
          : null,
    });
  });
}
