import { SystemClock } from '../clock/system-clock';
import type { Clock } from '../ports/clock.port';
import type { IdempotencyBegin, IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';

interface IdempotencyRecord {
  fingerprint: string;
  expiresAt: number;
  result?: JsonValue;
}

/**
 * The process-local {@link IdempotencyStore}: the default for a single instance. Bounded: past
 * `maxRecords` the oldest records are dropped, and expired ones are swept as new ones arrive.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  constructor(
    private readonly clock: Clock = new SystemClock(),
    private readonly maxRecords = 100_000,
  ) {}

  async begin<T extends JsonValue>(key: string, fingerprint: string, inProgressTtlMs: number): Promise<IdempotencyBegin<T>> {
    const now = this.clock.now();
    const record = this.records.get(key);
    if (record && record.expiresAt > now) {
      if (record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      return record.result === undefined ? { outcome: 'in-progress' } : { outcome: 'replay', result: record.result as T };
    }
    this.records.delete(key);
    this.makeRoom(now);
    this.records.set(key, { fingerprint, expiresAt: now + inProgressTtlMs });
    return { outcome: 'started' };
  }

  async complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void> {
    this.records.set(key, { fingerprint, result, expiresAt: this.clock.now() + ttlMs });
  }

  async release(key: string, fingerprint: string): Promise<void> {
    const record = this.records.get(key);
    if (record && record.fingerprint === fingerprint && record.result === undefined) this.records.delete(key);
  }

  /** How many records are held (expired ones included until swept). */
  get size(): number {
    return this.records.size;
  }

  private makeRoom(now: number): void {
    if (this.records.size < this.maxRecords) return;
    for (const [key, record] of this.records) {
      if (record.expiresAt <= now) this.records.delete(key);
    }
    // Map iteration is insertion order: drop the oldest until there is room.
    for (const key of this.records.keys()) {
      if (this.records.size < this.maxRecords) break;
      this.records.delete(key);
    }
  }
}
