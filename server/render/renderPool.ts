// Runs renders in a worker thread: started on first use, restarted if it dies, and stopped after a quiet
// spell so an idle wiki does not keep a second copy of Lexical and its DOM in memory. Renders are queued in
// the worker, so they run one at a time off the main thread.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderedPage } from './pageRenderer.js';
import type { RenderRequest, RenderResponse } from './renderWorker.js';

interface Waiter {
  resolve(page: RenderedPage): void;
  reject(error: Error): void;
  /** The thread the request went to: only its exit fails the request. */
  worker: Worker;
}

export class RenderPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;

  /** @param idleMs how long the worker may sit without work before it is stopped */
  constructor(private readonly idleMs = 60_000) {}

  render(state: Uint8Array): Promise<RenderedPage> {
    if (this.closed) return Promise.reject(new Error('render pool is closed'));
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<RenderedPage>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker });
      const request: RenderRequest = { id, state };
      worker.postMessage(request);
    });
  }

  /** Whether a worker thread exists right now (it is started on demand and stopped when idle). */
  isRunning(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll(new Error('render pool closed'));
  }

  private start(): Worker {
    const worker = fromSource ? startSourceWorker() : new Worker(new URL('./renderWorker.js', import.meta.url));
    worker.on('message', (response: RenderResponse) => {
      const waiter = this.waiting.get(response.id);
      if (!waiter) return;
      this.waiting.delete(response.id);
      if (response.ok) waiter.resolve({ html: response.html, text: response.text, title: response.title, headings: response.headings, entry: response.entry });
      else waiter.reject(new Error(response.message));
      if (this.waiting.size === 0) this.stopWhenIdle(worker);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error, worker);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error('render worker exited'), worker);
    });
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.waiting.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private failAll(error: Error, worker?: Worker): void {
    for (const [id, waiter] of this.waiting) {
      if (worker && waiter.worker !== worker) continue;
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }
}

/** Run from source (tsx, tests), the worker is TypeScript: it registers tsx's loader, then imports the module. */
const fromSource = import.meta.url.endsWith('.ts');

function startSourceWorker(): Worker {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const workerUrl = new URL('./renderWorker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(boot, { eval: true });
}
