import type { Clock } from '../ports/clock.port';

/** The real wall clock. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
