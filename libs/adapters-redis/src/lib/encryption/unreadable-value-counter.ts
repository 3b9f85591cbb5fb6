import type { UnreadableReason } from './aes-gcm-envelope';
import type { RedisValueKind } from './redis-value-codec';

/**
 * Counts values that did not decode, by store kind and reason, and logs the first of each kind once (an attacker or
 * a dropped key must not flood the log). Neither the value nor its key is ever part of the line.
 */
export class UnreadableValueCounter {
  private readonly counts = new Map<string, number>();
  private readonly logged = new Set<RedisValueKind>();

  constructor(private readonly warn: (message: string) => void) {}

  /** Counts one unreadable value; logs it if it is the first of its kind. */
  readonly record = (kind: RedisValueKind, reason: UnreadableReason): void => {
    const label = `${kind}:${reason}`;
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    const effect = kind === 'idempotency-record' ? 'the idempotent request is refused (503)' : 'it is treated as a cache miss';
    this.warn(
      `A ${kind} value in Redis could not be decrypted (${reason}): ${effect}. Logged once per kind; see the unreadable-values count.`,
    );
  };

  /** How many values did not decode, all kinds together. */
  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** The counts so far, one entry per kind and reason. */
  snapshot(): { kind: RedisValueKind; reason: UnreadableReason; count: number }[] {
    return [...this.counts].map(([label, count]) => {
      const [kind, reason] = label.split(':') as [RedisValueKind, UnreadableReason];
      return { kind, reason, count };
    });
  }
}
