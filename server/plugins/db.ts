// Opens the wiki's SQLite database, applies pending migrations, and exposes it as `app.db`.
// WAL mode lets readers run beside the single writer; the synchronous level is chosen in config.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { migrationsDir } from '../paths.js';

export type Db = Database.Database;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export function openDatabase(file: string, synchronous: 'FULL' | 'NORMAL'): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

const MIGRATION_NAME = /^(\d{14})-[a-z0-9-]+\.sql$/;

/** Applies every migration not yet recorded, each in its own transaction, in file-name order. */
export function migrate(db: Db, dir = migrationsDir): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT`);
  const applied = new Set(
    db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[],
  );
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const bad = files.filter((name) => !MIGRATION_NAME.test(name));
  if (bad.length > 0) throw new Error(`Badly named migrations (want YYYYMMDDHHMMSS-name.sql): ${bad.join(', ')}`);
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const name of files) {
    if (applied.has(name)) continue;
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      record.run(name, Date.now());
    })();
    ran.push(name);
  }
  return ran;
}

async function dbPlugin(app: FastifyInstance, opts: { db: Db }) {
  app.decorate('db', opts.db);
}

export default fp(dbPlugin, { name: 'db' });
