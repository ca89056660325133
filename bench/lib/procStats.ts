// Reads another process's CPU time and memory from /proc (Linux only), so a benchmark can measure a server
// it runs as a child process without instrumenting it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const clockTicksPerSecond = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** User + system CPU time the process has used, in seconds; null once it has gone. */
export function cpuSeconds(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces, so count fields from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicksPerSecond;
}

/** A line of /proc/<pid>/status given in kB (VmRSS, VmHWM), in bytes; null once the process has gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Samples a process's RSS on a timer and keeps the peak. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const rss = statusBytes(this.pid, 'VmRSS');
    if (rss !== null && rss > this.peak) this.peak = rss;
  }

  /** Stops sampling and returns the peak seen, in bytes. */
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peak;
  }
}

/** CPU use between two readings, as a percentage of one core. */
export function cpuPercent(startSeconds: number, endSeconds: number, wallMs: number): number {
  return wallMs > 0 ? ((endSeconds - startSeconds) / (wallMs / 1000)) * 100 : NaN;
}

/** CPU time all cores have spent busy (anything but idle and iowait) since boot, in seconds. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user + nice + system + irq + softirq + steal) / clockTicksPerSecond;
  } catch {
    return NaN;
  }
}

export interface CpuWindowResult<G extends string> {
  wallMs: number;
  /** Each group's CPU use, as % of one core. */
  groups: Record<G, number>;
  /** All cores' busy time, as % of one core (so up to 100 × cores). */
  machine: number;
  /** What the machine spent outside the groups: other processes on a shared host. */
  others: number;
}

/** Measures the CPU use of named groups of processes, and of the whole machine, over one window. */
export class CpuWindow<G extends string> {
  private readonly start: { groups: Record<G, number>; machine: number; wall: number };

  constructor(private readonly pids: Record<G, number[]>) {
    this.start = this.read();
  }

  finish(): CpuWindowResult<G> {
    const end = this.read();
    const wallMs = end.wall - this.start.wall;
    const groups = {} as Record<G, number>;
    let inGroups = 0;
    for (const group of Object.keys(this.pids) as G[]) {
      groups[group] = cpuPercent(this.start.groups[group], end.groups[group], wallMs);
      inGroups += groups[group];
    }
    const machine = cpuPercent(this.start.machine, end.machine, wallMs);
    return { wallMs, groups, machine, others: Math.max(0, machine - inGroups) };
  }

  private read() {
    const groups = {} as Record<G, number>;
    for (const [group, pids] of Object.entries(this.pids) as [G, number[]][]) {
      groups[group] = pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? NaN), 0);
    }
    return { groups, machine: machineBusySeconds(), wall: performance.now() };
  }
}
