const REDACTED = '[REDACTED]';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A value that must not be printed: `String()`, JSON and `console.log` show `[REDACTED]`.
 * Only an explicit `reveal()` gives the value, which makes every disclosure greppable.
 */
export class Secret<T extends string = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /**
   * Wraps a value, or returns it as is when it is a Secret already. A Secret from another installed copy of this
   * package (`instanceof` fails across copies) is recognised by its `reveal()` and wrapped anew.
   */
  static of<V extends string>(value: V | Secret<V>): Secret<V> {
    if (value instanceof Secret) return value;
    if (typeof value === 'string') return new Secret(value);
    const revealed =
      typeof (value as { reveal?: unknown } | null)?.reveal === 'function' ? (value as { reveal(): unknown }).reveal() : value;
    return new Secret(revealed as V);
  }

  /** The value itself; call only where it must leave the process (an HTTP header, a response body). */
  reveal(): T {
    return this.#value;
  }

  /** At most the last four characters, for logs that must tell tokens apart without disclosing them. */
  hint(): string {
    return maskedSuffix(this.#value);
  }

  /** Constant-shape equality (length first, then every character) without revealing either side. */
  equals(other: Secret<string>): boolean {
    const a = this.#value;
    const b = other.reveal();
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
    }
    return diff === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return `Secret(${REDACTED})`;
  }
}

/** `…abcd` for values long enough to keep four characters hidden; `…` otherwise. */
export function maskedSuffix(value: string): string {
  return value.length >= 12 ? `…${value.slice(-4)}` : '…';
}
