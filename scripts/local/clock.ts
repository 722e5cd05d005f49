// The local runtime's clock: real time plus an offset that only ever grows. Tests and the
// `crm` CLI move it forward to simulate days passing; the local scheduler listens for jumps
// and fires every occurrence that fell inside the jumped interval. Function workers get
// `offsetMs` as CRM_CLOCK_OFFSET_MS so that domain code (functions/lib/clock.ts) sees the
// same "now" as the scheduler that invoked it.

/** A forward move of the clock, from the time before the move to the time after it. */
export type ClockJump = { readonly from: Date; readonly to: Date };

export type ClockListener = (jump: ClockJump) => void;

export type ClockOptions = {
  /** Start ahead of real time by this much. */
  readonly offsetMs?: number;
  /** Real time source; tests may pin it. Defaults to Date.now. */
  readonly realNow?: () => number;
};

export class Clock {
  #offsetMs: number;
  readonly #realNow: () => number;
  readonly #listeners = new Set<ClockListener>();

  constructor(options: ClockOptions = {}) {
    const offsetMs = options.offsetMs ?? 0;
    if (!Number.isFinite(offsetMs) || offsetMs < 0) {
      throw new RangeError(`clock offset must be a finite number >= 0, got ${offsetMs}`);
    }
    this.#offsetMs = offsetMs;
    this.#realNow = options.realNow ?? Date.now;
  }

  /** How far ahead of real time the clock runs, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.#realNow() + this.#offsetMs;
  }

  /**
   * Moves the clock forward by `ms` and tells every listener, synchronously, before
   * returning the new time. Moving backwards is refused: schedules already fired would fire
   * again and at-least-once consumers would see time run backwards.
   */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`the clock only moves forward: advance(${ms}) is not allowed`);
    }
    const from = this.now();
    this.#offsetMs += ms;
    const to = new Date(from.getTime() + ms);
    if (ms > 0) this.#notify({ from, to });
    return to;
  }

  /** Moves the clock forward to `date`; a date in the past is refused. */
  set(date: Date): Date {
    const target = date.getTime();
    if (Number.isNaN(target)) throw new RangeError('clock.set needs a valid date');
    const nowMs = this.nowMs();
    if (target < nowMs) {
      throw new RangeError(
        `the clock only moves forward: ${date.toISOString()} is before ${new Date(nowMs).toISOString()}`,
      );
    }
    return this.advance(target - nowMs);
  }

  /** Calls `listener` after every forward jump; returns a function that unsubscribes it. */
  onJump(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #notify(jump: ClockJump): void {
    for (const listener of [...this.#listeners]) listener(jump);
  }
}
