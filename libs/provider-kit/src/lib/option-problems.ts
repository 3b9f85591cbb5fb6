/** One refused option: its name (dotted for nested ones) and what is wrong, never its value. */
export interface OptionProblem {
  field: string;
  message: string;
}

/** Start-up refusal of a provider adapter's options. Names every bad field at once, never echoes a value. */
export class InvalidProviderOptionsError extends Error {
  /** Every refused option. */
  readonly problems: readonly OptionProblem[];
  /** The names of the refused options, in the order found. */
  readonly fields: readonly string[];
  /** The first refused option's name. */
  readonly field: string;

  constructor(displayName: string, problems: readonly OptionProblem[]) {
    super(`Invalid ${displayName} options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    this.name = new.target.name;
    this.problems = problems;
    this.fields = problems.map((p) => p.field);
    this.field = this.fields[0] ?? 'options';
  }
}

/**
 * Collects every problem of an options object, so that start-up reports all of them in one go instead of
 * one per restart. The checks return the value they accepted (or the default) so callers read in one line.
 */
export class OptionProblems {
  private readonly found: OptionProblem[] = [];

  /** Every problem found so far. */
  get list(): readonly OptionProblem[] {
    return this.found;
  }

  /** Records a problem. */
  add(field: string, message: string): void {
    this.found.push({ field, message });
  }

  /** Throws `toError(problems)` when any problem was found. */
  throwIfAny(toError: (problems: readonly OptionProblem[]) => Error): void {
    if (this.found.length > 0) throw toError(this.found);
  }

  /** A positive number of milliseconds that fits a timer (default when undefined). */
  milliseconds(field: string, value: unknown, fallback: number): number {
    const ms = value ?? fallback;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 2_147_483_647) {
      this.add(field, 'must be a positive number of milliseconds');
      return fallback;
    }
    return ms;
  }

  /** A whole number of at least `min` (default when undefined). */
  integer(field: string, value: unknown, fallback: number, min = 1): number {
    const n = value ?? fallback;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
      this.add(field, min === 1 ? 'must be a positive integer' : `must be an integer of at least ${min}`);
      return fallback;
    }
    return n;
  }

  /** A finite number not below `min` (default when undefined). */
  atLeast(field: string, value: unknown, fallback: number, min: number): number {
    const n = value ?? fallback;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min) {
      this.add(field, `must be a number not below ${min}`);
      return fallback;
    }
    return n;
  }

  /** An optional callback. */
  listener<T extends (...args: never[]) => unknown>(field: string, value: unknown): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'function') {
      this.add(field, 'must be a function');
      return undefined;
    }
    return value as T;
  }

  /** An optional object that has every method in `methods` (a port implementation). */
  implementation<T>(field: string, value: unknown, methods: readonly string[]): T | undefined {
    if (value === undefined) return undefined;
    const record = value as Record<string, unknown> | null;
    if (typeof record !== 'object' || record === null || !methods.every((m) => typeof record[m] === 'function')) {
      this.add(field, `must implement ${methods.join(', ')}`);
      return undefined;
    }
    return value as T;
  }
}
