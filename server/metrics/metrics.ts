// Prometheus metrics: process defaults, HTTP request durations, live-sync and rendering figures.
// One registry per app instance, so tests can build several apps in one process.
import client from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { CollabHub } from '../collab/collabHub.js';
import type { RenderScheduler } from '../render/renderScheduler.js';

export async function metricsRoutes(app: FastifyInstance, deps: { hub: CollabHub; renderer: RenderScheduler }) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'ensemble_' });

  const httpDuration = new client.Histogram({
    name: 'ensemble_http_request_duration_seconds',
    help: 'HTTP request duration by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  const gauge = (name: string, help: string, read: () => number) =>
    new client.Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  const counter = (name: string, help: string, read: () => number) =>
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  gauge('ensemble_collab_rooms', 'Pages open in memory.', () => deps.hub.getStats().rooms);
  gauge('ensemble_collab_connections', 'Open live-sync sockets.', () => deps.hub.getStats().connections);
  counter('ensemble_collab_commits_total', 'Group-commit transactions.', () => deps.hub.getStats().commits);
  counter('ensemble_collab_updates_total', 'Document updates stored.', () => deps.hub.getStats().committedUpdates);
  gauge('ensemble_render_pending', 'Pages waiting for or in a server-side render.', () => deps.renderer.pendingCount());

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
