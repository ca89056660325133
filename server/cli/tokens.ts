// `tokens …`: API tokens from the shell, through TokensService. The secret is printed once, at creation,
// on standard output (so it can be captured); only its hash is stored, and no listing shows the hash.
import { cliActor } from '../audit/audit.service.js';
import type { TokenScope } from '../auth/permissions.js';
import { AppError } from '../plugins/errors.js';
import type { TokenRow } from '../tokens/tokens.repo.js';
import { alignColumns, commandGroup, formatTime, isoTime, oneOf, required, type Subcommand } from './command.js';
import { findUser } from './users.js';

const scopes: readonly TokenScope[] = ['read', 'write'];

export function presentToken(row: TokenRow) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: isoTime(row.created_at),
    lastUsedAt: isoTime(row.last_used_at),
    revokedAt: isoTime(row.revoked_at),
  };
}

const create: Subcommand = {
  name: 'create',
  summary: 'Create an API token and print its secret, once',
  usage: '--user NAME --name LABEL --scope read|write',
  help: [
    'Creates an API token that acts as the account NAME, capped at its scope, and prints the secret on',
    'standard output. Only a hash is kept: the secret cannot be shown again. Use it as',
    '"Authorization: Bearer ens_…".',
    '',
    'Options:',
    ...alignColumns([
      ['  --user NAME', 'Username of the account the token acts as (required)'],
      ['  --name LABEL', 'What the token is for, 1 to 80 characters, e.g. "intranet portal" (required)'],
      ['  --scope read|write', 'read: read pages only; write: whatever the account may do (required)'],
    ]),
  ].join('\n'),
  options: { user: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' } },
  async run({ values }, ctx) {
    const command = 'tokens create';
    const username = required(values, 'user', command, 'NAME');
    const name = required(values, 'name', command, 'LABEL');
    const scope = oneOf(required(values, 'scope', command, 'read|write'), scopes, 'token scope', command);
    const { services } = await ctx.open();
    const user = findUser(services, username);
    const { token, secret } = services.tokens.create(user.id, { name, scope }, cliActor);
    ctx.print(secret);
    ctx.note(`Created ${token.scope} token ${token.id} ("${token.name}") for "${user.username}".`);
    ctx.note('Store the secret now: it will not be shown again.');
    if (user.disabled) ctx.note(`Warning: "${user.username}" is disabled; the token works only once the account is enabled.`);
  },
};

const list: Subcommand = {
  name: 'list',
  summary: "List an account's API tokens",
  usage: '--user NAME [--json]',
  help: [
    'Lists the API tokens of the account NAME: id, name, scope, creation, last use and status (times in UTC).',
    'Secrets are never shown.',
    '',
    'Options:',
    ...alignColumns([
      ['  --user NAME', 'Username (required)'],
      ['  --json', 'One JSON array, for scripts (fields: id, name, scope, createdAt, lastUsedAt, revokedAt)'],
    ]),
  ].join('\n'),
  options: { user: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, ctx) {
    const username = required(values, 'user', 'tokens list', 'NAME');
    const { services } = await ctx.open();
    const user = findUser(services, username);
    const rows = services.tokens.listForUser(user.id);
    if (values.json) {
      ctx.print(JSON.stringify(rows.map(presentToken), null, 2));
      return;
    }
    if (rows.length === 0) {
      ctx.note(`"${user.username}" has no API tokens.`);
      return;
    }
    const table = [
      ['ID', 'NAME', 'SCOPE', 'CREATED', 'LAST USED', 'STATUS'],
      ...rows.map((row) => [row.id, row.name, row.scope, formatTime(row.created_at), formatTime(row.last_used_at), row.revoked_at === null ? 'active' : `revoked ${formatTime(row.revoked_at)}`]),
    ];
    ctx.print(alignColumns(table).join('\n'));
  },
};

const revoke: Subcommand = {
  name: 'revoke',
  summary: 'Revoke an API token',
  usage: 'ID',
  help: `Revokes the API token ID (as shown by "tokens list"). Requests with it are refused from then on.`,
  positionals: ['ID'],
  async run({ positionals: [id] }, ctx) {
    const { services } = await ctx.open();
    const before = services.tokens.find(id.trim());
    if (!before) throw new AppError(404, 'WIKI_TOKEN_NOT_FOUND', `No API token has the id "${id}".`);
    services.tokens.revoke(before.id, cliActor);
    ctx.note(before.revoked_at !== null ? `Token ${before.id} was already revoked.` : `Revoked token ${before.id} ("${before.name}").`);
  },
};

export const tokensCommand = commandGroup({
  name: 'tokens',
  summary: 'Create, list and revoke API tokens',
  subcommands: [create, list, revoke],
});
