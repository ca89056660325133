// Ensemble's live channel admits only signed-in people, and only under their own name. The benchmark's
// editors share one editor account, written into the server's data directory before the server starts
// (through the same services the server uses), and connect with its write-scoped API token.
import { buildAccountServices } from '../../server/app.js';
import { loadConfig } from '../../server/plugins/config.js';
import { migrate, openDatabase } from '../../server/plugins/db.js';

/** What a benchmark client sends: the `Authorization` header (null for a server without accounts) and its presence name. */
export interface BenchCredentials {
  authorization: string | null;
  displayName: string;
}

export const BENCH_DISPLAY_NAME = 'Bench Editor';

export async function createBenchAccount(dataDir: string): Promise<BenchCredentials> {
  const config = loadConfig({ WIKI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
  try {
    migrate(db);
    const { users, tokens } = buildAccountServices(db, config);
    const actor = { id: null, name: 'collab-fanout benchmark', ip: null };
    const user = await users.create({ username: 'bench', role: 'editor', password: null, displayName: BENCH_DISPLAY_NAME }, actor);
    const { secret } = tokens.create(user.id, { name: 'collab-fanout', scope: 'write' }, actor);
    return { authorization: `Bearer ${secret}`, displayName: user.display_name };
  } finally {
    db.close();
  }
}
