/** Requests a second allowed per operation while the rate-limit mode is on. */
export interface RateLimitSettings {
  enabled: boolean;
  /** Per operation; operations not named use `otherOperations`. */
  perSecond: Record<string, number>;
  otherOperations: number;
}

// docs.klarna.com/api/rate-limit [K4], playground: create session and create customer token 5/s, other operations 50/s.
const DEFAULTS: RateLimitSettings = { enabled: false, perSecond: { createSession: 5, create: 5 }, otherOperations: 50 };

/** What the limiter decided: the headers every answer carries, and whether to answer 429. */
export interface RateLimitDecision {
  limited: boolean;
  headers: Record<string, string>;
}

/** A fixed one-second window per operation, as Klarna counts per merchant and operation. Off by default. */
export class SimulatorRateLimits {
  private current: RateLimitSettings = structuredClone(DEFAULTS);
  private readonly windows = new Map<string, { start: number; count: number }>();

  /** The settings in force. */
  get settings(): Readonly<RateLimitSettings> {
    return structuredClone(this.current);
  }

  /** Switches the mode and changes limits; a limit must be a whole number of at least 1. */
  set(changes: Partial<RateLimitSettings>): Readonly<RateLimitSettings> {
    for (const limit of [...Object.values(changes.perSecond ?? {}), changes.otherOperations ?? 1]) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Rate limits must be whole numbers of at least 1');
    }
    this.current = { ...this.current, ...changes, perSecond: { ...this.current.perSecond, ...changes.perSecond } };
    this.windows.clear();
    return this.settings;
  }

  /** Back to off with the playground limits. */
  reset(): void {
    this.current = structuredClone(DEFAULTS);
    this.windows.clear();
  }

  /** Counts one request of `operation` at `now` (epoch ms); no headers while the mode is off. */
  take(operation: string, now: number): RateLimitDecision {
    if (!this.current.enabled) return { limited: false, headers: {} };
    const limit = this.current.perSecond[operation] ?? this.current.otherOperations;
    const second = Math.floor(now / 1000) * 1000;
    const window = this.windows.get(operation);
    const current = window && window.start === second ? window : { start: second, count: 0 };
    current.count += 1;
    this.windows.set(operation, current);
    const limited = current.count > limit;
    return {
      limited,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(Math.max(0, limit - current.count)),
        // Seconds until the window resets; Klarna documents the header, not its unit (UNVERIFIED).
        'x-ratelimit-reset': String(Math.max(1, Math.ceil((second + 1000 - now) / 1000))),
      },
    };
  }
}
