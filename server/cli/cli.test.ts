// Runs the real CLI as a child process (node + tsx, as `npm run wiki` does) against a temporary data
// folder, and checks its effects through the same services the server uses, on the same SQLite file.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAccountServices } from '../app.js';
import { cliActor } from '../audit/audit.service.js';
import { loadConfig } from '../plugins/config.js';
import { migrate, openDatabase, type Db } from '../plugins/db.js';
import { projectRoot } from '../paths.js';
import { SearchRepo } from '../search/search.repo.js';
import { compileQuery } from '../search/search.service.js';
import { startTestServer, type TestServer } from '../../tests/helpers/testServer.js';
import { barProgress, PlainProgress } from './reindex.js';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI_TIMEOUT_MS = 15_000;
const PASSWORD = 'correct horse battery staple';

function wiki(dataDir: string, args: string[], stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/cli/main.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The CLI may exit before reading stdin (a usage error); that is not a test failure.
  child.stdin.on('error', () => {});
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`wiki ${args.join(' ')} did not finish:\n${stdout}\n${stderr}`));
    }, CLI_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function openServices(dataDir: string) {
  const config = loadConfig({ WIKI_DATA_DIR: dataDir, WIKI_SQLITE_SYNCHRONOUS: 'NORMAL' });
  const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
  migrate(db);
  return { db, ...buildAccountServices(db, config) };
}

describe('wiki command line', () => {
  const tempDirs: string[] = [];
  let dataDir: string;
  let db: Db;
  let services: ReturnType<typeof openServices>;
  let editorId: string;

  const newTempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensemble-cli-'));
    tempDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    dataDir = newTempDir();
    services = openServices(dataDir);
    db = services.db;
    // Accounts without passwords cost no scrypt hash; the tests that need a password set it through the CLI.
    await services.users.create({ username: 'founder', role: 'admin', password: null }, cliActor);
    editorId = (await services.users.create({ username: 'erin', role: 'editor', password: null }, cliActor)).id;
  });

  afterAll(() => {
    db?.close();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const auditFor = (targetId: string) => services.audit.list(200).events.filter((event) => event.target?.id === targetId);

  test('creates an admin from --password-stdin, prints only its id, and the password verifies', async () => {
    const result = await wiki(dataDir, ['users', 'create', '--username', 'alice', '--display-name', 'Alice Tremblay', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
    expect(result).toMatchObject({ code: 0 });
    const id = result.stdout.trim();
    expect(result.stdout).toBe(`${id}\n`);
    expect(result.stderr).toContain('Created admin account "alice"');
    expect(result.stderr).not.toContain(PASSWORD);

    const row = await services.users.authenticate('alice', PASSWORD);
    expect(row).toMatchObject({ id, username: 'alice', display_name: 'Alice Tremblay', role: 'admin' });
    expect(await services.users.authenticate('alice', 'not the password at all')).toBeNull();
    expect(auditFor(id)).toEqual([
      expect.objectContaining({ action: 'user.created', actor: { id: null, name: cliActor.name }, details: { username: 'alice', role: 'admin' } }),
    ]);
  });

  test('refuses a username that is taken, in any case, with exit 1 and the reason', async () => {
    const before = services.users.count();
    const result = await wiki(dataDir, ['users', 'create', '--username', 'FOUNDER', '--no-password']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The username "FOUNDER" is already taken.');
    expect(result.stdout).toBe('');
    expect(services.users.count()).toBe(before);
  });

  test('rejects an unknown role with exit 2 and a usage hint, and creates nobody', async () => {
    const result = await wiki(dataDir, ['users', 'create', '--username', 'bruno', '--role', 'superuser', '--password-stdin'], `${PASSWORD}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"superuser" is not a role: use reader, editor, admin.');
    expect(result.stderr).toContain('users create --help');
    expect(services.users.findByUsername('bruno')).toBeUndefined();
  });

  test('rejects a weak password with exit 1 and creates nobody', async () => {
    const result = await wiki(dataDir, ['users', 'create', '--username', 'chloe', '--password-stdin'], 'short\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('A password needs at least 12 characters.');
    expect(services.users.findByUsername('chloe')).toBeUndefined();
  });

  test('creates a token whose secret resolves with its scope, shown once, then revokes it', async () => {
    const created = await wiki(dataDir, ['tokens', 'create', '--user', 'erin', '--name', 'intranet portal', '--scope', 'read']);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(created.stdout).toBe(`${secret}\n`);
    expect(created.stderr).toContain('it will not be shown again');
    const token = services.tokens.resolve(secret);
    expect(token).toMatchObject({ user_id: editorId, name: 'intranet portal', scope: 'read', revoked_at: null });
    expect(auditFor(token!.id)).toEqual([expect.objectContaining({ action: 'token.created', actor: { id: null, name: cliActor.name } })]);

    const listed = await wiki(dataDir, ['tokens', 'list', '--user', 'erin', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([{ id: token!.id, name: 'intranet portal', scope: 'read', createdAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: null }]);
    expect(listed.stdout).not.toContain(token!.token_hash);

    const revoked = await wiki(dataDir, ['tokens', 'revoke', token!.id]);
    expect(revoked.code).toBe(0);
    expect(services.tokens.resolve(secret)).toBeNull();
    expect(auditFor(token!.id).map((event) => event.action).sort()).toEqual(['token.created', 'token.revoked']);
  });

  test('lists the accounts as JSON without any password hash', async () => {
    await services.users.setPassword(editorId, PASSWORD, cliActor);
    const result = await wiki(dataDir, ['users', 'list', '--json']);
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(users).toContainEqual(expect.objectContaining({ id: editorId, username: 'erin', role: 'editor', disabled: false, hasPassword: true }));
    expect(users.find((user) => user.username === 'founder')).toMatchObject({ hasPassword: false });
    expect(result.stdout).not.toContain('scrypt$');
    expect(Object.keys(users[0])).not.toContain('password_hash');
  });

  test('sets a password from stdin, signs the account out everywhere, and changes its role', async () => {
    const session = services.sessions.create(editorId);
    const newPassword = 'a brand new passphrase';
    const reset = await wiki(dataDir, ['users', 'set-password', 'erin', '--password-stdin'], `${newPassword}\r\nignored second line\n`);
    expect(reset.code).toBe(0);
    expect(await services.users.authenticate('erin', newPassword)).toMatchObject({ id: editorId });
    expect(services.sessions.resolve(session.cookie)).toBeNull();

    const demoted = await wiki(dataDir, ['users', 'set-role', 'erin', 'reader']);
    expect(demoted.code).toBe(0);
    expect(services.users.get(editorId).role).toBe('reader');
    expect(auditFor(editorId).map((event) => event.action)).toEqual(expect.arrayContaining(['user.password_changed', 'user.role_changed']));
  });

  test('refuses to disable the last active admin with exit 1', async () => {
    const dir = newTempDir();
    const own = openServices(dir);
    try {
      await own.users.create({ username: 'solo', role: 'admin', password: null }, cliActor);
      const result = await wiki(dir, ['users', 'disable', 'solo']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The wiki needs at least one active admin.');
      expect(own.users.findByUsername('solo')?.disabled).toBe(0);
    } finally {
      own.db.close();
    }
  });

  test('answers an unknown command with exit 2 and the list of commands, without creating a database', async () => {
    const untouched = path.join(newTempDir(), 'not-created');
    const result = await wiki(untouched, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate". Available commands: users, tokens, reindex.');
    expect(fs.existsSync(untouched)).toBe(false);
  });

  test('explains each command in --help, including when a running server sees the change', async () => {
    const result = await wiki(path.join(newTempDir(), 'not-created'), ['users', 'create', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run wiki -- users create --username NAME');
    expect(result.stdout).toContain('--password-stdin');
    expect(result.stdout).toContain('re-checked within 30 seconds');
  });
});

describe('wiki reindex', () => {
  // More pages than one batch (200), so the rebuild spans several transactions.
  const FILLER_PAGES = 205;
  let server: TestServer;
  let repo: SearchRepo;
  let policyId: string;
  let frenchId: string;

  const search = (q: string) => server.app.services.search.search(q, { spaceIds: ['main'], limit: 10, offset: 0 }).hits.map((hit) => hit.id);
  const indexRows = () => server.app.services.db.prepare('SELECT count(*) FROM page_search_rows').pluck().get() as number;
  const pageCount = () => server.app.services.db.prepare('SELECT count(*) FROM pages').pluck().get() as number;
  const emptyIndex = () => server.app.services.db.exec('DELETE FROM page_search; DELETE FROM page_search_rows;');

  beforeAll(async () => {
    // The server keeps running while the CLI rebuilds its index, as in production.
    server = await startTestServer();
    repo = new SearchRepo(server.app.services.db);
    const { pages } = server.app.services;
    const context = { spaceId: 'main', userId: server.accounts.editor.id };
    policyId = (await pages.create(
      {
        title: 'Travel policy',
        blocks: [
          { kind: 'heading', level: 2, text: 'Quarantined zeppelins' },
          { kind: 'paragraph', text: 'Per diem rates for the archipelago of Kerguelen.' },
        ],
      },
      context,
    )).id;
    frenchId = (await pages.create(
      { title: 'Politique de déplacement', lang: 'fr', blocks: [{ kind: 'paragraph', text: 'Les fonctionnaires voyageaient en dirigeable.' }] },
      context,
    )).id;
    for (let i = 0; i < FILLER_PAGES; i++) {
      await pages.create({ title: `Routine note ${i}`, blocks: [{ kind: 'paragraph', text: `Nothing to report, week ${i}.` }] }, context);
    }
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  test('refuses an unknown option or an argument with exit 2 and leaves the index as it was', async () => {
    emptyIndex();
    const flag = await wiki(server.dataDir, ['reindex', '--force']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--force'.");
    expect(flag.stderr).toContain('npm run wiki -- reindex --help');
    expect(flag.stderr).toContain('Nothing was changed.');
    const extra = await wiki(server.dataDir, ['reindex', 'now']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("Unexpected argument 'now'.");
    expect(indexRows()).toBe(0);
    expect(search('Kerguelen')).toEqual([]);
  });

  test('rebuilds an emptied index while the server runs: pages are found by title, heading, text and in their language', async () => {
    emptyIndex();
    expect(search('zeppelins')).toEqual([]);
    const total = pageCount();

    const result = await wiki(server.dataDir, ['reindex']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Reindexed ${total} pages in \\d+\\.\\d s\\.\\n$`));
    expect(result.stderr).toContain(`Reindexing ${total} pages…`);
    // Standard error is a pipe here: plain lines, no bar drawn with control characters.
    expect(result.stderr).not.toContain('\u001b');

    expect(indexRows()).toBe(total);
    expect(search('travel policy')).toEqual([policyId]);
    expect(search('Kerguelen')).toEqual([policyId]);
    // The heading is indexed in its own column, read back from the stored HTML.
    expect(repo.pagesMatching(`headings : (${compileQuery('quarantined zeppelins')!.match})`)).toEqual([policyId]);
    // French stemming: "voyager" finds "voyageaient".
    expect(search('voyager')).toEqual([frenchId]);
    expect(search('Routine note 204')[0]).toBeDefined();
  });

  test('replaces rows that no longer match what is stored, not only missing ones', async () => {
    const page = repo.page(policyId)!;
    repo.write(page.rowid, page.id, { title: 'flibbertigibbet', headings: '', body: '' });
    expect(search('flibbertigibbet')).toEqual([policyId]);
    expect(search('Kerguelen')).toEqual([]);

    const result = await wiki(server.dataDir, ['reindex']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Reindexed ${pageCount()} pages in `);
    expect(search('flibbertigibbet')).toEqual([]);
    expect(search('Kerguelen')).toEqual([policyId]);
  });

  test('explains itself in --help, and is listed in the main help', async () => {
    const untouched = path.join(server.dataDir, 'not-created');
    const help = await wiki(untouched, ['reindex', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run wiki -- reindex');
    expect(help.stdout).toContain('Safe while the server runs');
    const main = await wiki(untouched, ['help']);
    expect(main.stdout).toMatch(/reindex\s+Rebuild the whole search index/);
    expect(fs.existsSync(untouched)).toBe(false);
  });

  test('draws a bar with pages done, rate and time left at a terminal', () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    let now = 0;
    const bar = barProgress(terminal, 400, () => now);
    now = 2000;
    bar.update(200, 400);
    bar.update(400, 400);
    bar.stop();
    expect(drawn).toContain('400/400 pages');
    expect(drawn).toContain('200 pages/s');
    expect(drawn).toMatch(/ETA \d+s/);
  });

  test('writes a plain line every few seconds for logs, with rate and time left, and leaves the end to the summary', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new PlainProgress((line) => lines.push(line), () => now, 5000);
    now = 1000;
    progress.update(200, 3000);
    now = 5000;
    progress.update(1000, 3000);
    now = 6000;
    progress.update(1200, 3000);
    now = 15_000;
    progress.update(3000, 3000);
    expect(lines).toEqual(['Reindexing: 1000/3000 pages (33%), 200 pages/s, about 10 s left']);
  });
});
