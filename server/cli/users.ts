// `users …`: accounts from the shell, through UsersService, so the rules and audit entries are the web's.
// Output never carries a password or its hash: rows go through presentUser, which lists its fields.
import { cliActor } from '../audit/audit.service.js';
import { roles, type Role } from '../auth/permissions.js';
import { AppError, errors } from '../plugins/errors.js';
import { presentUser } from '../users/presenter.js';
import type { UserRow } from '../users/users.repo.js';
import { usernameProblem } from '../users/users.service.js';
import {
  alignColumns,
  commandGroup,
  formatTime,
  oneOf,
  optional,
  PROGRAM,
  required,
  UsageError,
  type AccountServices,
  type Subcommand,
} from './command.js';
import { readPassword } from './passwordInput.js';

const ROLE_LIST = roles.join('|');

/** The account with this username, or a 404 AppError (exit 1). */
export function findUser(services: AccountServices, username: string): UserRow {
  const row = services.users.findByUsername(username.trim());
  if (!row) throw new AppError(404, 'WIKI_USER_NOT_FOUND', `No account has the username "${username}".`);
  return row;
}

/** The API's account fields, plus how the account signs in (never the hash, nor the OIDC identity). */
export function presentUserForCli(row: UserRow) {
  return { ...presentUser(row), hasPassword: row.password_hash !== null, oidc: row.oidc_subject !== null };
}

function signInMethods(row: UserRow): string {
  const methods = [row.password_hash !== null ? 'password' : null, row.oidc_subject !== null ? 'oidc' : null].filter(Boolean);
  return methods.length > 0 ? methods.join('+') : 'no password';
}

const create: Subcommand = {
  name: 'create',
  summary: 'Create an account and print its id',
  usage: `--username NAME [--display-name TEXT] [--email ADDRESS] [--role ${ROLE_LIST}] [--password-stdin | --no-password]`,
  help: [
    'Creates an account and prints its id on standard output.',
    '',
    'Options:',
    ...alignColumns([
      ['  --username NAME', '2 to 64 characters: letters, digits and . _ @ - (required)'],
      ['  --display-name TEXT', 'The name shown to others (default: the username)'],
      ['  --email ADDRESS', 'Contact address'],
      [`  --role ${ROLE_LIST}`, 'Default: the server\'s WIKI_DEFAULT_ROLE (editor)'],
      ['  --password-stdin', 'Read the password from the first line of standard input'],
      ['  --no-password', 'No password: for people who sign in through the proxy header or OpenID Connect'],
    ]),
    '',
    'Without either, the password is asked for twice, without echo, when run in a terminal (with',
    '--password-stdin at a terminal, once).',
    'A password needs at least 12 characters. Example:',
    `  printf '%s\\n' "$ADMIN_PASSWORD" | ${PROGRAM} users create --username alice --role admin --password-stdin`,
  ].join('\n'),
  options: {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'no-password': { type: 'boolean' },
  },
  async run({ values }, ctx) {
    const command = 'users create';
    const username = required(values, 'username', command, 'NAME').trim();
    const roleArg = optional(values, 'role');
    const role = roleArg === undefined ? undefined : oneOf<Role>(roleArg, roles, 'role', command);
    const fromStdin = values['password-stdin'] === true;
    const noPassword = values['no-password'] === true;
    if (fromStdin && noPassword) throw new UsageError('Give --password-stdin or --no-password, not both.', command);
    // Before asking for a password: a person should not type one twice for a name that cannot be used.
    const problem = usernameProblem(username);
    if (problem) throw errors.invalidInput(problem);

    const { services } = await ctx.open();
    const password = noPassword
      ? null
      : await readPassword(ctx, { fromStdin, username, command, alternatives: 'give --no-password for an account without one' });
    const row = await services.users.create(
      { username, displayName: optional(values, 'display-name'), email: optional(values, 'email') ?? null, role, password },
      cliActor,
    );
    ctx.print(row.id);
    ctx.note(`Created ${row.role} account "${row.username}"${password === null ? ' without a password' : ''}.`);
  },
};

const list: Subcommand = {
  name: 'list',
  summary: 'List the accounts',
  usage: '[--json]',
  help: [
    'Lists every account: username, role, status, how it signs in, display name, id, creation time (UTC).',
    '',
    'Options:',
    '  --json   One JSON array, for scripts (fields: id, username, displayName, email, role, disabled,',
    '           hasPassword, oidc, createdAt, updatedAt)',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  async run({ values }, ctx) {
    const rows = (await ctx.open()).services.users.list();
    if (values.json) {
      ctx.print(JSON.stringify(rows.map(presentUserForCli), null, 2));
      return;
    }
    if (rows.length === 0) {
      ctx.note(`No accounts yet. Create one with: ${PROGRAM} users create --username NAME --role admin`);
      return;
    }
    const table = [
      ['USERNAME', 'ROLE', 'STATUS', 'SIGN-IN', 'DISPLAY NAME', 'ID', 'CREATED'],
      ...rows.map((row) => [row.username, row.role, row.disabled ? 'disabled' : 'active', signInMethods(row), row.display_name, row.id, formatTime(row.created_at)]),
    ];
    ctx.print(alignColumns(table).join('\n'));
  },
};

const setRole: Subcommand = {
  name: 'set-role',
  summary: 'Change the role of an account',
  usage: `NAME ${ROLE_LIST}`,
  help: [
    'Gives the account NAME (a username) the role reader, editor or admin.',
    'The last active admin cannot be demoted.',
  ].join('\n'),
  positionals: ['NAME', 'ROLE'],
  async run({ positionals: [username, roleArg] }, ctx) {
    const role = oneOf<Role>(roleArg, roles, 'role', 'users set-role');
    const { services } = await ctx.open();
    const before = findUser(services, username);
    const after = services.users.setRole(before.id, role, cliActor);
    ctx.note(before.role === after.role ? `"${after.username}" is already ${after.role}.` : `"${after.username}" is now ${after.role} (was ${before.role}).`);
  },
};

function setDisabled(disabled: boolean): Subcommand {
  return {
    name: disabled ? 'disable' : 'enable',
    summary: disabled ? 'Stop an account from signing in or using its tokens' : 'Allow a disabled account again',
    usage: 'NAME',
    help: disabled
      ? 'Disables the account NAME (a username): its sessions and API tokens stop working. The last active admin cannot be disabled.'
      : 'Enables the account NAME (a username) again; its sessions and API tokens work again if they have not expired or been revoked.',
    positionals: ['NAME'],
    async run({ positionals: [username] }, ctx) {
      const { services } = await ctx.open();
      const before = findUser(services, username);
      const after = services.users.setDisabled(before.id, disabled, cliActor);
      const state = after.disabled ? 'disabled' : 'enabled';
      ctx.note(Boolean(before.disabled) === Boolean(after.disabled) ? `"${after.username}" is already ${state}.` : `"${after.username}" is now ${state}.`);
    },
  };
}

const setPassword: Subcommand = {
  name: 'set-password',
  summary: "Set an account's password and end its sessions",
  usage: 'NAME [--password-stdin]',
  help: [
    'Sets the password of the account NAME (a username), and signs it out everywhere: a new password',
    'is often set because the old one is known to someone else. API tokens are not affected.',
    '',
    'Options:',
    '  --password-stdin   Read the password from the first line of standard input',
    '',
    'Without it, the password is asked for twice, without echo, when run in a terminal (with',
    '--password-stdin at a terminal, once).',
  ].join('\n'),
  options: { 'password-stdin': { type: 'boolean' } },
  positionals: ['NAME'],
  async run({ values, positionals: [username] }, ctx) {
    const { services } = await ctx.open();
    const row = findUser(services, username);
    const password = await readPassword(ctx, { fromStdin: values['password-stdin'] === true, username: row.username, command: 'users set-password' });
    await services.users.setPassword(row.id, password, cliActor);
    services.sessions.destroyForUser(row.id);
    ctx.note(`Set the password of "${row.username}" and ended its sessions.`);
  },
};

export const usersCommand = commandGroup({
  name: 'users',
  summary: 'Create and list accounts, change their roles and passwords, disable and enable them',
  subcommands: [create, list, setRole, setDisabled(true), setDisabled(false), setPassword],
});
