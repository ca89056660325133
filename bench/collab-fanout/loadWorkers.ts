// The coordinator's side of the load-generator processes: forks them, sends them phase messages and
// awaits their typed replies with a deadline, so no phase of a run can hang.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from './ipc.js';

const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadWorker.ts');

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

interface Waiter {
  type: FromWorker['type'];
  resolve(message: FromWorker): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class LoadWorkerProcess {
  readonly pid: number;
  private readonly child: ChildProcess;
  private readonly inbox: FromWorker[] = [];
  private readonly waiters: Waiter[] = [];
  private exitReason: string | null = null;

  constructor(
    readonly name: string,
    options: { cpuProfileDir?: string } = {},
  ) {
    const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    this.child = fork(workerScript, [], {
      execArgv: [...profile, '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (this.child.pid === undefined) throw new Error(`could not start ${name}`);
    this.pid = this.child.pid;
    this.child.on('message', (message: FromWorker) => this.deliver(message));
    this.child.on('exit', (code, signal) => {
      this.exitReason = signal ? `signal ${signal}` : `code ${code}`;
      for (const waiter of this.waiters.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${this.name} exited (${this.exitReason}) while waiting for '${waiter.type}'`));
      }
    });
  }

  send(message: ToWorker): void {
    if (this.exitReason === null) this.child.send(message);
  }

  /** The next reply of the given type; a worker's 'error' reply or its exit rejects. */
  next<T extends FromWorker['type']>(type: T, timeoutMs: number): Promise<Reply<T>> {
    const queued = this.inbox.findIndex((m) => m.type === type || m.type === 'error');
    if (queued >= 0) return settle(this.name, this.inbox.splice(queued, 1)[0]) as Promise<Reply<T>>;
    if (this.exitReason !== null) return Promise.reject(new Error(`${this.name} exited (${this.exitReason})`));
    return new Promise<FromWorker>((resolve, reject) => {
      const waiter: Waiter = {
        type,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new Error(`${this.name}: no '${type}' reply within ${timeoutMs} ms (its event loop is starved)`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    }).then((message) => settle(this.name, message)) as Promise<Reply<T>>;
  }

  /** Asks the worker to close its clients and exit; kills it if it does not within the timeout. */
  async close(timeoutMs: number): Promise<void> {
    if (this.exitReason !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.send({ type: 'close' });
    const timer = setTimeout(() => this.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (this.exitReason === null && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private deliver(message: FromWorker): void {
    const index = this.waiters.findIndex((w) => w.type === message.type || message.type === 'error');
    if (index < 0) {
      this.inbox.push(message);
      return;
    }
    const [waiter] = this.waiters.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.resolve(message);
  }
}

function settle(name: string, message: FromWorker): Promise<FromWorker> {
  return message.type === 'error' ? Promise.reject(new Error(`${name}: ${message.message}`)) : Promise.resolve(message);
}
