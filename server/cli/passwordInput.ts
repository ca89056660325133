// Getting a password into the CLI without it appearing in argv, shell history or the terminal:
// the first line of a pipe (--password-stdin), or a prompt with echo off when a person is at a terminal.
import { passwordProblem } from '../auth/passwords.js';
import { errors } from '../plugins/errors.js';
import { CommandFailed, Interrupted, UsageError, type CliContext, type CliInput } from './command.js';

/** Enough for any accepted password (256 characters); reading stops here rather than slurp a big file. */
const MAX_LINE_CHARS = 4096;

export interface PasswordRequest {
  /** --password-stdin was given. */
  fromStdin: boolean;
  /** Whose password, for the prompt. */
  username: string;
  /** The command, for the usage hint. */
  command: string;
  /** Extra advice when no password can be had, e.g. "--no-password" for create. */
  alternatives?: string;
}

export async function readPassword(ctx: CliContext, request: PasswordRequest): Promise<string> {
  const stdin = ctx.io.stdin;
  const atTerminal = Boolean(stdin.isTTY && stdin.setRawMode);
  if (request.fromStdin && !atTerminal) {
    const line = await readFirstLine(stdin);
    if (line === null || line === '') {
      throw new UsageError('--password-stdin was given but standard input has no password on its first line.', request.command);
    }
    return line;
  }
  if (!atTerminal) {
    throw new UsageError(
      `No password given. Pipe it in with --password-stdin${request.alternatives ? `, ${request.alternatives}` : ''}, or run in a terminal to be asked for it.`,
      request.command,
    );
  }
  // --password-stdin at a terminal: ask once, without echo, rather than show it as it is typed.
  const first = await promptHidden(stdin, ctx.io.stderr, `Password for ${request.username}: `);
  if (request.fromStdin) return first;
  // Checked before asking again, with the service's own rule, so nobody types a rejected password twice.
  const weak = passwordProblem(first);
  if (weak) throw errors.invalidInput(weak);
  const second = await promptHidden(stdin, ctx.io.stderr, 'Type it again: ');
  if (first !== second) throw new CommandFailed('The two passwords differ; nothing was changed.');
  return first;
}

/** The first line of a stream, without its line ending; null when the stream is empty. */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  stream.setEncoding('utf8');
  let text = '';
  let ended = true;
  for await (const chunk of stream) {
    text += chunk as string;
    if (text.includes('\n') || text.length > MAX_LINE_CHARS) {
      // Leaving the loop destroys the stream: nothing after the first line is read.
      ended = false;
      break;
    }
  }
  if (ended && text === '') return null;
  const newline = text.indexOf('\n');
  return (newline === -1 ? text : text.slice(0, newline)).replace(/\r$/, '');
}

/** Reads one line in raw mode, echoing nothing. Ctrl+C and Ctrl+D (on an empty line) abandon. */
function promptHidden(input: CliInput, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  output.write(prompt);
  input.setEncoding('utf8');
  input.setRawMode!(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (outcome: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: string | Buffer) => {
      const text = chunk.toString();
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(chars.join('')));
        if (ch === '\u0003' || (ch === '\u0004' && chars.length === 0)) return finish(() => reject(new Interrupted()));
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else if (ch === '\u0015') chars = []; // Ctrl+U clears the line, as in a shell.
        else if (ch === '\u001b') break; // An arrow or function key: drop the rest of its escape sequence.
        else if (ch >= ' ') chars.push(ch);
      }
    };
    input.on('data', onData);
  });
}
