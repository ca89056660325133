// The frame every CLI command runs in: argument parsing (node:util parseArgs), help screens, exit codes,
// and the lazily opened database. Arguments are checked before the database is opened, so a bad command
// line changes nothing (not even creating the data folder).
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { buildAccountServices } from '../app.js';
import { defaults, loadConfig, type Config } from '../plugins/config.js';
import { migrate, openDatabase, type Db } from '../plugins/db.js';

/** How `npm run wiki` is spelled in usage lines. */
export const PROGRAM = 'npm run wiki --';

export const exitCodes = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** The command line itself is wrong: exit 2 with a usage hint. Nothing has been changed. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help the hint points to, e.g. "users create". */
    readonly command: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not be carried out for a reason the CLI itself found (not a service rule): exit 1. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** The person at the terminal pressed Ctrl+C or Ctrl+D at a prompt. */
export class Interrupted extends Error {
  constructor(message = 'Interrupted; nothing was changed.') {
    super(message);
    this.name = 'Interrupted';
  }
}

/** Said on every help screen: the server does not need a restart, and how fast live sockets catch up. */
export const RUNNING_SERVER_NOTE =
  'Changes made here while the server runs apply to new requests at once; open live-editing connections\n' +
  `are re-checked within ${defaults.collab.revalidateIntervalMs / 1000} seconds.`;

export type AccountServices = ReturnType<typeof buildAccountServices>;

/** The terminal password prompt needs raw mode, which only a TTY stream has. */
export interface CliInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface CliIo {
  stdin: CliInput;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export class CliContext {
  private opened: { db: Db; config: Config; services: AccountServices } | null = null;

  constructor(
    readonly io: CliIo,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  /** Results, for scripts: ids, secrets, lists. */
  print(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Messages for the person: confirmations, warnings, prompts. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  /**
   * Reads the configuration and opens (and migrates) the same database the server uses. app.ts is loaded
   * only here: it brings in the whole server, which help screens and usage errors do not need.
   */
  async open(): Promise<{ db: Db; config: Config; services: AccountServices }> {
    if (!this.opened) {
      const { buildAccountServices } = await import('../app.js');
      const config = loadConfig(this.env);
      const existed = fs.existsSync(config.databaseFile);
      const db = openDatabase(config.databaseFile, config.sqliteSynchronous);
      try {
        migrate(db);
      } catch (error) {
        db.close();
        throw error;
      }
      // A mistyped WIKI_DATA_DIR would otherwise put an admin into a database no server reads.
      if (!existed) this.note(`Created a new database at ${config.databaseFile}.`);
      // No live sockets in this process: the server re-checks its own sockets periodically.
      this.opened = { db, config, services: buildAccountServices(db, config) };
    }
    return this.opened;
  }

  close(): void {
    this.opened?.db.close();
    this.opened = null;
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | undefined>;

export interface Subcommand {
  name: string;
  /** One line, shown in the group's list. */
  summary: string;
  /** What follows "<group> <name>" in the usage line. */
  usage: string;
  /** Help text under the usage line: what it does and each option. */
  help: string;
  options?: OptionsConfig;
  /** Names of the required positional arguments, in order. */
  positionals?: readonly string[];
  run(args: { values: ParsedValues; positionals: string[] }, ctx: CliContext): Promise<void> | void;
}

/** An entry of the command table in main.ts. */
export interface Command {
  name: string;
  summary: string;
  /** Runs with the arguments after the command name. Throws UsageError, AppError, CommandFailed. */
  run(args: string[], ctx: CliContext): Promise<void>;
}

const HELP_FLAGS = ['--help', '-h'];
const isHelp = (arg: string | undefined) => arg !== undefined && (arg === 'help' || HELP_FLAGS.includes(arg));

/** A command made of subcommands ("users create", "users list"), each with its own options and help. */
export function commandGroup(group: { name: string; summary: string; subcommands: readonly Subcommand[] }): Command {
  const groupHelp = () =>
    [
      `Usage: ${PROGRAM} ${group.name} <subcommand> [options]`,
      '',
      `${group.summary}.`,
      '',
      'Subcommands:',
      ...alignColumns(group.subcommands.map((sub) => [`  ${sub.name}`, sub.summary])),
      '',
      `Run "${PROGRAM} ${group.name} <subcommand> --help" for its options.`,
      '',
      RUNNING_SERVER_NOTE,
    ].join('\n');

  return {
    name: group.name,
    summary: group.summary,
    async run(args, ctx) {
      const [name, ...rest] = args;
      if (name === undefined) throw new UsageError(`"${group.name}" needs a subcommand: ${group.subcommands.map((s) => s.name).join(', ')}.`, group.name);
      if (isHelp(name)) {
        const target = rest[0] === undefined ? undefined : group.subcommands.find((s) => s.name === rest[0]);
        if (rest[0] !== undefined && !target) throw unknownSubcommand(group, rest[0]);
        ctx.print(target ? subcommandHelp(group.name, target) : groupHelp());
        return;
      }
      const sub = group.subcommands.find((s) => s.name === name);
      if (!sub) throw unknownSubcommand(group, name);
      const command = `${group.name} ${sub.name}`;
      const parsed = parse(sub, rest, command);
      if (parsed === 'help') {
        ctx.print(subcommandHelp(group.name, sub));
        return;
      }
      await sub.run(parsed, ctx);
    },
  };
}

/** A command without subcommands ("reindex"): its own options, usage line and help screen. */
export function standaloneCommand(spec: Omit<Subcommand, 'positionals'>): Command {
  const help = () => [`Usage: ${PROGRAM} ${spec.name}${spec.usage ? ` ${spec.usage}` : ''}`, '', spec.help].join('\n');
  return {
    name: spec.name,
    summary: spec.summary,
    async run(args, ctx) {
      const parsed = parse(spec, args, spec.name);
      if (parsed === 'help') {
        ctx.print(help());
        return;
      }
      await spec.run(parsed, ctx);
    },
  };
}

function unknownSubcommand(group: { name: string; subcommands: readonly Subcommand[] }, name: string): UsageError {
  return new UsageError(`Unknown subcommand "${group.name} ${name}". Available: ${group.subcommands.map((s) => s.name).join(', ')}.`, group.name);
}

function subcommandHelp(groupName: string, sub: Subcommand): string {
  return [`Usage: ${PROGRAM} ${groupName} ${sub.name}${sub.usage ? ` ${sub.usage}` : ''}`, '', sub.help, '', RUNNING_SERVER_NOTE].join('\n');
}

function parse(sub: Pick<Subcommand, 'options' | 'positionals'>, args: string[], command: string): { values: ParsedValues; positionals: string[] } | 'help' {
  const wanted = sub.positionals ?? [];
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...sub.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: wanted.length > 0,
      strict: true,
    });
  } catch (error) {
    // "--help" next to a mistake still gets help, rather than the mistake.
    if (args.some((arg) => HELP_FLAGS.includes(arg))) return 'help';
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    // Node's advice about "--" for positionals starting with "-" only confuses here.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(/[.!?]$/.test(message) ? message : `${message}.`, command);
  }
  if (parsed.values.help) return 'help';
  if (parsed.positionals.length < wanted.length) {
    throw new UsageError(`"${command}" needs ${wanted.join(' and ')}.`, command);
  }
  if (parsed.positionals.length > wanted.length) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[wanted.length]}".`, command);
  }
  return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
}

/** A required string option: absent or empty is a usage error. */
export function required(values: ParsedValues, name: string, command: string, placeholder: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name} ${placeholder}.`, command);
  return value;
}

export function optional(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A value that must be one of a fixed list (a role, a scope): anything else is a usage error. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, command: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`"${value}" is not a ${what}: use ${allowed.join(', ')}.`, command);
  }
  return value as T;
}

/** Pads all but the last column so the rows line up. */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

/** A time for people: UTC, to the second. */
export function formatTime(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
