// Starts Ensemble: reads config, builds the app, listens, and shuts down cleanly on SIGTERM/SIGINT
// (every queued update is committed and every page rendered before the process exits).
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './plugins/config.js';
import { seedCatalogue } from './seed/catalogueSeed.js';
import { seedWelcomePages } from './seed/welcomePages.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await buildApp(config);
  const seeded = await seedWelcomePages(app.services.db, app.services.pages);
  if (seeded > 0) app.log.info({ pages: seeded }, 'created the welcome pages');
  const catalogue = await seedCatalogue(app.services.db, app.services.pages, app.services.spaces, { log: app.log });
  if (catalogue.created > 0) app.log.info({ entries: catalogue.created, space: catalogue.spaceId }, 'created the seed catalogue');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error) => {
  process.stderr.write(`Ensemble failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
