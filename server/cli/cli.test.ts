// Runs the real CLI as a child process (node + tsx, as `npm run wiki` does) against a temporary data
// folder, and checks its effects through the same services the server uses, on the same SQLite file.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAccountServices } from '../app.js';
import { cliActor } from '../audit/audit.service.js';
import { loadConfig } from '../plugins/config.js';
import { migrate, openDatabase, type Db } from '../plugins/db.js';
import { projectRoot } from '../paths.js';

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
    expect(result.stderr).toContain('Unknown command "frobnicate". Available commands: users, tokens.');
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
