import { SimulatorFaults } from './simulator-faults';

describe('SimulatorFaults', () => {
  it('behaves by default', () => {
    const faults = new SimulatorFaults();
    expect(Array.from({ length: 100 }, () => faults.draw()).every((f) => f === undefined)).toBe(true);
  });

  it('failNext strikes exactly the next n requests', () => {
    const faults = new SimulatorFaults();
    faults.set({ failNext: 2, failNextKind: 'stall' });
    expect([faults.draw(), faults.draw(), faults.draw()]).toEqual(['stall', 'stall', undefined]);
    expect(faults.settings.failNext).toBe(0);
  });

  it('gives the same sequence for the same seed, and roughly the asked shares', () => {
    const run = (seed: number) => {
      const faults = new SimulatorFaults();
      faults.set({ errorRate: 0.2, resetRate: 0.1, stallRate: 0.1, resetAfterProcessingRate: 0.1, seed });
      return Array.from({ length: 2000 }, () => faults.draw() ?? 'ok');
    };
    const first = run(7);
    expect(run(7)).toEqual(first);
    expect(run(8)).not.toEqual(first);
    const share = (kind: string) => first.filter((f) => f === kind).length / first.length;
    expect(share('error')).toBeGreaterThan(0.15);
    expect(share('error')).toBeLessThan(0.25);
    expect(share('ok')).toBeGreaterThan(0.45);
    expect(share('ok')).toBeLessThan(0.55);
    for (const kind of ['reset', 'stall', 'resetAfterProcessing']) expect(share(kind)).toBeGreaterThan(0.05);
  });

  it('a rate of 1 always strikes', () => {
    const faults = new SimulatorFaults();
    faults.set({ resetAfterProcessingRate: 1 });
    expect(Array.from({ length: 50 }, () => faults.draw()).every((f) => f === 'resetAfterProcessing')).toBe(true);
  });

  it('merges changes and resets to defaults', () => {
    const faults = new SimulatorFaults();
    faults.set({ latencyMs: 50 });
    faults.set({ errorRate: 0.5 });
    expect(faults.settings).toMatchObject({ latencyMs: 50, errorRate: 0.5 });
    faults.reset();
    expect(faults.settings).toMatchObject({ latencyMs: 0, errorRate: 0, failNext: 0, seed: 1 });
  });

  it.each([
    [{ errorRate: 1.5 }],
    [{ errorRate: 0.6, stallRate: 0.6 }],
    [{ latencyMs: -1 }],
    [{ failNext: 1.5 }],
    [{ failNextKind: 'explode' }],
    [{ seed: 0.5 }],
    [{ surprise: true }],
  ])('refuses %j and keeps the previous switches', (changes) => {
    const faults = new SimulatorFaults();
    faults.set({ latencyMs: 5 });
    expect(() => faults.set(changes as never)).toThrow(RangeError);
    expect(faults.settings.latencyMs).toBe(5);
  });
});
