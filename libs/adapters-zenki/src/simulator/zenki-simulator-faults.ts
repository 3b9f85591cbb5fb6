/** How a faulty answer fails: a 500, a connection reset, or no answer at all. */
export type ZenkiFaultKind = 'error' | 'reset' | 'stall';

/** Which requests faults hit: the token endpoint, the other (API) routes, or both. */
export type ZenkiFaultTarget = 'all' | 'token' | 'api';

/** The simulator's fault switches. Rates are shares in [0, 1] and add up to at most 1. */
export interface ZenkiFaultSettings {
  /** Added before every answer (and before every fault), in milliseconds. */
  latencyMs: number;
  /** Share of requests answered 500. */
  errorRate: number;
  /** Share of requests whose connection is reset. */
  resetRate: number;
  /** Share of requests never answered (until the client gives up or the simulator closes). */
  stallRate: number;
  /** Deterministic mode: the next `failNext` targeted requests fail as `failKind`, before any rate applies. */
  failNext: number;
  failKind: ZenkiFaultKind;
  target: ZenkiFaultTarget;
}

const NONE: ZenkiFaultSettings = { latencyMs: 0, errorRate: 0, resetRate: 0, stallRate: 0, failNext: 0, failKind: 'error', target: 'all' };
const KINDS: readonly ZenkiFaultKind[] = ['error', 'reset', 'stall'];
const TARGETS: readonly ZenkiFaultTarget[] = ['all', 'token', 'api'];

/** The fault switches of a running simulator: `set` some, `reset` all, `draw` one request's fate. */
export class ZenkiFaults {
  private current: ZenkiFaultSettings = { ...NONE };

  constructor(private readonly random: () => number = Math.random) {}

  /** The switches now in force. */
  get settings(): Readonly<ZenkiFaultSettings> {
    return { ...this.current };
  }

  /** Changes the given switches; throws RangeError (and changes nothing) when one is out of range. */
  set(changes: Partial<ZenkiFaultSettings>): void {
    if (!changes || typeof changes !== 'object') throw new RangeError('faults must be an object');
    const known = Object.keys(NONE);
    for (const key of Object.keys(changes)) if (!known.includes(key)) throw new RangeError(`unknown fault switch ${key}`);
    const next: ZenkiFaultSettings = { ...this.current, ...dropUndefined(changes) };
    if (!isNumberAtLeast(next.latencyMs, 0)) throw new RangeError('latencyMs must be a number not below 0');
    for (const rate of ['errorRate', 'resetRate', 'stallRate'] as const) {
      if (!isNumberAtLeast(next[rate], 0) || next[rate] > 1) throw new RangeError(`${rate} must be between 0 and 1`);
    }
    if (next.errorRate + next.resetRate + next.stallRate > 1) throw new RangeError('errorRate + resetRate + stallRate must not exceed 1');
    if (!Number.isInteger(next.failNext) || next.failNext < 0) throw new RangeError('failNext must be an integer not below 0');
    if (!KINDS.includes(next.failKind)) throw new RangeError(`failKind must be one of ${KINDS.join(', ')}`);
    if (!TARGETS.includes(next.target)) throw new RangeError(`target must be one of ${TARGETS.join(', ')}`);
    this.current = next;
  }

  /** Back to a faultless simulator. */
  reset(): void {
    this.current = { ...NONE };
  }

  /** Decides how one request to `route` fails, if it does; consumes one `failNext` when it applies. */
  draw(route: 'token' | 'api'): ZenkiFaultKind | undefined {
    const s = this.current;
    if (s.target !== 'all' && s.target !== route) return undefined;
    if (s.failNext > 0) {
      this.current = { ...s, failNext: s.failNext - 1 };
      return s.failKind;
    }
    const r = this.random();
    if (r < s.errorRate) return 'error';
    if (r < s.errorRate + s.resetRate) return 'reset';
    if (r < s.errorRate + s.resetRate + s.stallRate) return 'stall';
    return undefined;
  }
}

function isNumberAtLeast(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}

function dropUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
