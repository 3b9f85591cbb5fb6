/** The ways the simulator can misbehave on a Klarna route. */
export const FAULT_KINDS = ['error', 'reset', 'stall', 'resetAfterProcessing'] as const;
/**
 * One of {@link FAULT_KINDS}. `error`, `reset` and `stall` strike before the operation is processed
 * (nothing is created or changed); `resetAfterProcessing` processes it (a token is created, a status
 * changed), then destroys the socket instead of answering: the "lost response" case.
 */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Fault injection switches. Rates are shares of requests in 0..1 and add up to at most 1. */
export interface FaultSettings {
  /** Milliseconds added before every answer on a Klarna route (faulty ones included). */
  latencyMs: number;
  /** Share answered 503 SERVICE_UNAVAILABLE (an ErrorV2 body) before processing. */
  errorRate: number;
  /** Share whose socket is destroyed before processing. */
  resetRate: number;
  /** Share never answered: the request hangs until the client gives up (or the simulator closes). */
  stallRate: number;
  /** Share processed, then the socket destroyed instead of answering. */
  resetAfterProcessingRate: number;
  /** Deterministic mode: the next `failNext` Klarna requests all suffer `failNextKind`, whatever the rates say. */
  failNext: number;
  /** What {@link failNext} does; default `error`. */
  failNextKind: FaultKind;
  /** Seed of the random draws behind the rates: the same seed gives the same sequence of faults. */
  seed: number;
}

const DEFAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  resetRate: 0,
  stallRate: 0,
  resetAfterProcessingRate: 0,
  failNext: 0,
  failNextKind: 'error',
  seed: 1,
};

const RATE_KEYS = ['errorRate', 'resetRate', 'stallRate', 'resetAfterProcessingRate'] as const;
const RATE_KIND: Record<(typeof RATE_KEYS)[number], FaultKind> = {
  errorRate: 'error',
  resetRate: 'reset',
  stallRate: 'stall',
  resetAfterProcessingRate: 'resetAfterProcessing',
};

/** The simulator's fault switches: set in process or over `PUT /simulator/faults`. */
export class SimulatorFaults {
  private current: FaultSettings = { ...DEFAULTS };
  private random = mulberry32(DEFAULTS.seed);

  /** The switches in force. */
  get settings(): Readonly<FaultSettings> {
    return { ...this.current };
  }

  /** Changes the given switches (the others stay); a `seed` restarts the random sequence. Throws RangeError on a bad value. */
  set(changes: Partial<FaultSettings>): Readonly<FaultSettings> {
    const next = { ...this.current, ...validate(changes) };
    const total = RATE_KEYS.reduce((sum, key) => sum + next[key], 0);
    if (total > 1 + 1e-9) throw new RangeError('The fault rates add up to more than 1');
    this.current = next;
    if (changes.seed !== undefined) this.random = mulberry32(next.seed);
    return this.settings;
  }

  /** Back to no faults, no latency, seed 1. */
  reset(): void {
    this.current = { ...DEFAULTS };
    this.random = mulberry32(DEFAULTS.seed);
  }

  /** Decides the fate of one Klarna request; `undefined` means "behave". */
  draw(): FaultKind | undefined {
    if (this.current.failNext > 0) {
      this.current.failNext -= 1;
      return this.current.failNextKind;
    }
    if (RATE_KEYS.every((key) => this.current[key] === 0)) return undefined;
    let u = this.random();
    for (const key of RATE_KEYS) {
      if (u < this.current[key]) return RATE_KIND[key];
      u -= this.current[key];
    }
    return undefined;
  }
}

function validate(changes: Partial<FaultSettings>): Partial<FaultSettings> {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) throw new RangeError('Fault settings must be an object');
  const known = new Set<string>(Object.keys(DEFAULTS));
  for (const key of Object.keys(changes)) if (!known.has(key)) throw new RangeError(`Unknown fault setting ${key}`);
  const { latencyMs, failNext, failNextKind, seed } = changes;
  if (latencyMs !== undefined && !(typeof latencyMs === 'number' && Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= 600_000)) {
    throw new RangeError('latencyMs must be a number of milliseconds from 0 to 600000');
  }
  for (const key of RATE_KEYS) {
    const rate = changes[key];
    if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1))
      throw new RangeError(`${key} must be a share from 0 to 1`);
  }
  if (failNext !== undefined && !(Number.isInteger(failNext) && failNext >= 0))
    throw new RangeError('failNext must be a whole number, 0 or more');
  if (failNextKind !== undefined && !FAULT_KINDS.includes(failNextKind))
    throw new RangeError(`failNextKind must be one of ${FAULT_KINDS.join(', ')}`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  return changes;
}

/** A small, fast, seedable PRNG (Mulberry32), good enough to spread faults reproducibly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
