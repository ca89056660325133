import fs from 'node:fs';
import path from 'node:path';
import { migrate, openDatabase } from './db.js';
import { migrationsDir } from '../paths.js';
import { tempDataDir } from '../../tests/helpers/testServer.js';

describe('migrations', () => {
  test('migrate an empty database file to the newest schema, once', () => {
    const dir = tempDataDir();
    try {
      const db = openDatabase(path.join(dir, 'wiki.db'), 'FULL');
      const ran = migrate(db);
      const files = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
      expect(ran).toEqual(files);
      expect(migrate(db)).toEqual([]);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['pages', 'page_updates', 'schema_migrations']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
