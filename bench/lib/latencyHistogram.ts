// A mergeable latency histogram with log-linear buckets (HDR style): values are recorded in whole
// microseconds, each power of two is split into 64 buckets, so any percentile is within 1.6% of the truth.
// The exact maximum is kept beside the buckets. It serialises to plain JSON so worker processes can ship it.

const SUB_BUCKETS = 64;
const SUB_BITS = 6; // log2(SUB_BUCKETS)
const MAX_MICROS = 2 ** 31 - 1;

export interface HistogramSnapshot {
  /** Sparse [bucketIndex, count] pairs. */
  buckets: [number, number][];
  count: number;
  maxMicros: number;
  sumMicros: number;
}

export class LatencyHistogram {
  private counts = new Float64Array(64);
  private total = 0;
  private max = 0;
  private sum = 0;

  get count(): number {
    return this.total;
  }

  /** Records one latency given in milliseconds (negative values, from clock jitter, count as 0). */
  recordMs(ms: number): void {
    const micros = Math.min(MAX_MICROS, Math.max(0, Math.round(ms * 1000)));
    const index = bucketIndex(micros);
    if (index >= this.counts.length) this.grow(index + 1);
    this.counts[index]++;
    this.total++;
    this.sum += micros;
    if (micros > this.max) this.max = micros;
  }

  /** The value at quantile q (0..1) in milliseconds: the midpoint of the bucket holding it. */
  quantileMs(q: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, bucketMidpoint(i)) / 1000;
    }
    return this.max / 1000;
  }

  maxMs(): number {
    return this.total === 0 ? NaN : this.max / 1000;
  }

  meanMs(): number {
    return this.total === 0 ? NaN : this.sum / this.total / 1000;
  }

  merge(other: HistogramSnapshot): void {
    for (const [index, count] of other.buckets) {
      if (index >= this.counts.length) this.grow(index + 1);
      this.counts[index] += count;
    }
    this.total += other.count;
    this.sum += other.sumMicros;
    if (other.maxMicros > this.max) this.max = other.maxMicros;
  }

  snapshot(): HistogramSnapshot {
    const buckets: [number, number][] = [];
    this.counts.forEach((count, index) => {
      if (count > 0) buckets.push([index, count]);
    });
    return { buckets, count: this.total, maxMicros: this.max, sumMicros: this.sum };
  }

  private grow(minLength: number): void {
    let length = this.counts.length;
    while (length < minLength) length *= 2;
    const next = new Float64Array(length);
    next.set(this.counts);
    this.counts = next;
  }
}

/** Values below 2*SUB_BUCKETS get a bucket each; above, v >> shift lands in [SUB_BUCKETS, 2*SUB_BUCKETS). */
function bucketIndex(micros: number): number {
  if (micros < 2 * SUB_BUCKETS) return micros;
  const shift = 31 - Math.clz32(micros) - SUB_BITS;
  return shift * SUB_BUCKETS + (micros >>> shift);
}

function bucketMidpoint(index: number): number {
  if (index < 2 * SUB_BUCKETS) return index;
  const shift = Math.floor(index / SUB_BUCKETS) - 1;
  const low = (index - shift * SUB_BUCKETS) * 2 ** shift;
  return low + (2 ** shift - 1) / 2;
}
