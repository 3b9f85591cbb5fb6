import fc from 'fast-check';
import pino from 'pino';
import { createIsoTime, isoTime } from './iso-time';

/** What pino's own isoTime writes for an instant. */
const expected = (t: number) => `,"time":"${new Date(t).toISOString()}"`;

/** A timestamp function reading a clock the test sets. */
function withClock() {
  const clock = { now: 0 };
  return { clock, time: createIsoTime(() => clock.now) };
}

const BOUNDARIES = [
  Date.UTC(2026, 10, 29, 12, 0, 42, 93),
  Date.UTC(2026, 10, 29, 23, 59, 59, 999), // day
  Date.UTC(2026, 11, 31, 23, 59, 59, 999), // year
  Date.UTC(2028, 1, 28, 23, 59, 59, 999), // leap day
  Date.UTC(1969, 11, 31, 23, 59, 59, 999), // before the epoch: negative times
  0,
  Date.UTC(9999, 11, 31, 23, 59, 59, 999), // six-digit years after it
  8.64e15 - 2000, // near the last instant a Date can hold
];

describe('createIsoTime', () => {
  it("writes exactly what pino's isoTime writes at the same instant", () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 10, 29, 12, 0, 42, 93) });
    try {
      for (let step = 0; step < 3000; step += 1) {
        expect(isoTime()).toBe(pino.stdTimeFunctions.isoTime());
        jest.advanceTimersByTime(7);
      }
    } finally {
      jest.useRealTimers();
    }
  });

  it('is right on every millisecond around second, minute, day and year boundaries, forwards and backwards', () => {
    const { clock, time } = withClock();
    for (const boundary of BOUNDARIES) {
      for (let t = boundary - 1500; t <= boundary + 1500; t += 1) {
        clock.now = t;
        expect(time()).toBe(expected(t));
      }
      // The clock stepping back (an NTP correction) crosses the cached second the other way.
      for (let t = boundary + 1500; t >= boundary - 1500; t -= 250) {
        clock.now = t;
        expect(time()).toBe(expected(t));
      }
    }
  });

  it('is right for any sequence of instants (jumps, repeats, steps back)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: 1.7e12, max: 1.8e12 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (instants) => {
          const { clock, time } = withClock();
          for (const t of instants) {
            clock.now = t;
            expect(time()).toBe(expected(t));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
