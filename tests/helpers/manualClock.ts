// A clock that only moves when a test says so, for rules that fire after minutes (revision cuts).
import type { Clock } from '../../server/history/revisionRecorder.js';

interface Timer {
  at: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private time = Date.now();
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing due timers in order (each at its own time). */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      let due: [number, Timer] | null = null;
      for (const entry of this.timers) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = target;
  }
}
