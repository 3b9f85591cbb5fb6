import { ManualClock } from './manual-clock';
import { SystemClock } from './system-clock';

describe('ManualClock', () => {
  it('moves only when told', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    clock.set(10_000);
    expect(clock.now()).toBe(10_000);
  });

  it('refuses to move backwards', () => {
    expect(() => new ManualClock().advance(-1)).toThrow(RangeError);
  });
});

describe('SystemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
