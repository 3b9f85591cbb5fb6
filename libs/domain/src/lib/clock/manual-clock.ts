import type { Clock } from '../ports/clock.port';

/** A clock that moves only when told: for tests and simulators. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('Time only moves forward');
    this.current += ms;
  }

  /** Jumps to an absolute time. */
  set(epochMs: number): void {
    this.current = epochMs;
  }
}
