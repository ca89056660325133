// `npm run wiki -- <command>`: administration from the shell, on the server's database and services.
// Each command is its own module, registered in the table below. Exit codes: 0 done, 1 refused or failed
// (the service's message), 2 bad command line or environment (nothing changed), 130 interrupted.
import { ConfigError } from '../plugins/config.js';
import { AppError } from '../plugins/errors.js';
import {
  alignColumns,
  CliContext,
  CommandFailed,
  exitCodes,
  Interrupted,
  PROGRAM,
  RUNNING_SERVER_NOTE,
  UsageError,
  type CliIo,
  type Command,
} from './command.js';
import { reindexCommand } from './reindex.js';
import { tokensCommand } from './tokens.js';
import { usersCommand } from './users.js';

/** Every command. A new one (reindex, export, backup…) is a module exporting a Command, added here. */
const commands: readonly Command[] = [usersCommand, tokensCommand, reindexCommand];

function mainHelp(): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    "Administers Ensemble from the shell, on the server's own database and rules.",
    '',
    'Commands:',
    ...alignColumns(commands.map((command) => [`  ${command.name}`, command.summary])),
    '',
    `Run "${PROGRAM} <command> --help" for its subcommands and options.`,
    '',
    'The database is the one in WIKI_DATA_DIR (default ./data), and the rest of the configuration comes',
    'from the environment too, as for the server. Changes to accounts and tokens are recorded in the audit',
    'log as "command line".',
    RUNNING_SERVER_NOTE,
  ].join('\n');
}

const listCommands = () => commands.map((command) => command.name).join(', ');

export async function runCli(argv: readonly string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const ctx = new CliContext(io, env);
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      // "help users create" is "users create --help".
      if (name === 'help' && rest.length > 0) return await runCli([...rest, '--help'], io, env);
      if (name === undefined) throw new UsageError(`Give a command: ${listCommands()}.`);
      ctx.print(mainHelp());
      return exitCodes.ok;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new UsageError(`Unknown command "${name}". Available commands: ${listCommands()}.`);
    await command.run(rest, ctx);
    return exitCodes.ok;
  } catch (error) {
    return report(error, ctx);
  } finally {
    ctx.close();
  }
}

function report(error: unknown, ctx: CliContext): number {
  if (error instanceof UsageError) {
    const helpFor = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} help`;
    ctx.note(`Error: ${error.message}\nRun "${helpFor}" for usage. Nothing was changed.`);
    return exitCodes.usage;
  }
  if (error instanceof ConfigError) {
    ctx.note(error.message);
    return exitCodes.usage;
  }
  if (error instanceof AppError || error instanceof CommandFailed) {
    ctx.note(`Error: ${error.message}`);
    return exitCodes.failed;
  }
  if (error instanceof Interrupted) {
    ctx.note(error.message);
    return exitCodes.interrupted;
  }
  ctx.note(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return exitCodes.failed;
}

process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
