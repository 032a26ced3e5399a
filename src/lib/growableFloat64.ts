/** An append-only Float64Array that doubles its capacity, so a hot logging loop never allocates per value. */
export class GrowableFloat64 {
  private data: Float64Array;
  private size = 0;

  constructor(initialCapacity = 64) {
    this.data = new Float64Array(initialCapacity);
  }

  /** Number of values appended since the last take(). */
  get length(): number {
    return this.size;
  }

  /** Appends one value. */
  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  /** Returns the values as an exactly-sized array (its buffer can be transferred) and empties this buffer. */
  take(): Float64Array {
    const out = this.data.slice(0, this.size);
    this.size = 0;
    return out;
  }
}
