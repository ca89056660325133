// Liveness and readiness for load balancers and the container health check.
import type { FastifyInstance } from 'fastify';
import type { CollabHub } from '../collab/collabHub.js';
import type { Db } from '../plugins/db.js';

export async function healthRoutes(app: FastifyInstance, { db, hub }: { db: Db; hub: CollabHub }) {
  const ping = db.prepare('SELECT 1').pluck();
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    let database = 'ok';
    try {
      ping.get();
    } catch {
      database = 'unavailable';
    }
    const { rooms, connections } = hub.getStats();
    return reply.status(database === 'ok' ? 200 : 503).send({ status: database === 'ok' ? 'ok' : 'degraded', database, rooms, connections });
  });
}
