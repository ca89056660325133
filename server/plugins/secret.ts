// Server secrets that must survive restarts (e.g. the CSRF key) but need no operator: generated on first
// use and kept in the settings table. WIKI_SECRET overrides, e.g. to share one key between instances.
import crypto from 'node:crypto';
import type { Db } from './db.js';

export function loadOrCreateSecret(db: Db, key: string): string {
  const existing = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (existing) return existing;
  const value = crypto.randomBytes(32).toString('base64url');
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  return db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string;
}
