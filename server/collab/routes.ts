// The live-sync endpoint: ws(s)://host/collab/:pageId, speaking the stock y-websocket protocol.
import type { FastifyInstance } from 'fastify';
import { CloseCode } from '../../shared/collabProtocol.js';
import type { CollabHub } from './collabHub.js';

const PAGE_ID = /^[a-z0-9]{1,64}$/;

export async function collabRoutes(app: FastifyInstance, { hub }: { hub: CollabHub }) {
  app.get<{ Params: { pageId: string } }>('/collab/:pageId', { websocket: true }, (socket, request) => {
    const { pageId } = request.params;
    if (!PAGE_ID.test(pageId)) {
      socket.close(CloseCode.PageNotFound.code, CloseCode.PageNotFound.reason);
      return;
    }
    hub.connect(socket, pageId, { canWrite: true });
  });
}
