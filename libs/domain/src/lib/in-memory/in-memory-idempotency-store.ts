import { hash } from 'node:crypto';
import { SystemClock } from '../clock/system-clock';
import type { Clock } from '../ports/clock.port';
import type { IdempotencyBegin, IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';
import { CompletedRecordArena, SURROGATE } from './completed-record-arena';

/** A claim in progress, or (rare: too large for the arena) a completed record kept as it came. */
interface IdempotencyRecord {
  fingerprint: string;
  expiresAt: number;
  claim?: string;
  result?: JsonValue;
}

/** What the map holds per key: a record object, or where a completed record is in the arena. */
type HeldRecord = IdempotencyRecord | number;

const SWEEP_INTERVAL_MS = 1000;

/** Default bound of {@link InMemoryIdempotencyStore}: records held at once, expired ones not counted. */
export const DEFAULT_MAX_IDEMPOTENCY_RECORDS = 100_000;

/** Thrown by {@link InMemoryIdempotencyStore.begin} when every slot holds a record that has not expired yet. */
export class IdempotencyStoreFullError extends Error {
  constructor(maxRecords: number) {
    super(`The in-memory idempotency store holds ${maxRecords} unexpired records (its bound); new keys are refused until some expire`);
    this.name = 'IdempotencyStoreFullError';
  }
}

/**
 * The process-local {@link IdempotencyStore}: the default for a single instance. Bounded, and it keeps its
 * promise or refuses: expired records are swept to make room, but an unexpired one is never dropped, so
 * when `maxRecords` unexpired records are held a new key is refused (the caller answers 503) rather than
 * letting an evicted key's retry reach the provider as a new request. Completed records are kept outside the V8
 * heap ({@link CompletedRecordArena}), their results as JSON text: a replay answers a copy of the stored result.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  /** By {@link slotOf} the key. */
  private readonly records = new Map<string, HeldRecord>();
  private readonly arena = new CompletedRecordArena();
  private refusals = 0;
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock = new SystemClock(),
    /** Records held at most. */
    readonly maxRecords = DEFAULT_MAX_IDEMPOTENCY_RECORDS,
  ) {}

  async begin<T extends JsonValue>(
    key: string,
    fingerprint: string,
    inProgressTtlMs: number,
    claim?: string,
  ): Promise<IdempotencyBegin<T>> {
    const now = this.clock.now();
    const slot = slotOf(key);
    const held = this.records.get(slot);
    if (held !== undefined) {
      if (this.expiresAt(held) > now) return this.outcomeOf<T>(held, fingerprint);
      this.drop(slot, held);
    }
    if (!this.makeRoom(now)) {
      this.refusals++;
      throw new IdempotencyStoreFullError(this.maxRecords);
    }
    this.records.set(slot, { fingerprint, claim, expiresAt: now + inProgressTtlMs });
    return { outcome: 'started' };
  }

  async complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void> {
    // The claim's slot (or, after it lapsed, a new one: a finished answer is never lost to the bound).
    const slot = slotOf(key);
    const held = this.records.get(slot);
    if (held !== undefined) this.drop(slot, held);
    const expiresAt = this.clock.now() + ttlMs;
    const resultJson = JSON.stringify(result) as string | undefined;
    const location = resultJson === undefined ? undefined : this.arena.add({ expiresAt, fingerprint, resultJson });
    this.records.set(slot, location ?? { fingerprint, result, expiresAt });
  }

  async release(key: string, fingerprint: string, claim?: string): Promise<void> {
    const slot = slotOf(key);
    const record = this.records.get(slot);
    // Only an unfinished claim is released; completed records (in the arena or not) stay.
    if (record === undefined || typeof record === 'number' || record.fingerprint !== fingerprint || record.result !== undefined) return;
    if (claim === undefined || record.claim === undefined || record.claim === claim) this.records.delete(slot);
  }

  /** How many records are held (expired ones included until swept). */
  get size(): number {
    return this.records.size;
  }

  /** New keys refused so far because the store was full. */
  get refusedCount(): number {
    return this.refusals;
  }

  /** Sweeps expired records when full; false when every slot still holds an unexpired record. */
  private makeRoom(now: number): boolean {
    if (this.records.size < this.maxRecords) return true;
    // A full sweep walks every record: at most once a second, so a flood of new keys stays cheap.
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return false;
    this.sweptAt = now;
    for (const [slot, held] of this.records) {
      if (this.expiresAt(held) <= now) this.drop(slot, held);
    }
    return this.records.size < this.maxRecords;
  }

  private outcomeOf<T extends JsonValue>(held: HeldRecord, fingerprint: string): IdempotencyBegin<T> {
    if (typeof held === 'number') {
      const record = this.arena.read(held);
      if (record.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      return { outcome: 'replay', result: JSON.parse(record.resultJson) as T };
    }
    if (held.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    return held.result === undefined ? { outcome: 'in-progress' } : { outcome: 'replay', result: held.result as T };
  }

  private expiresAt(held: HeldRecord): number {
    return typeof held === 'number' ? this.arena.expiresAt(held) : held.expiresAt;
  }

  private drop(slot: string, held: HeldRecord): void {
    this.records.delete(slot);
    if (typeof held === 'number') this.arena.release(held);
  }
}

/**
 * The map's key for a store key: its SHA-256 as 32 one-byte characters. Keys are long (a scope, a provider, an account
 * and a hex hash: about 90 characters) and held a day each; as a digest each costs 63 bytes of heap less, for under a
 * microsecond per operation (tools/bench/FINDINGS.md, eighth pass). A key with a surrogate is hashed from its UTF-16
 * code units behind a 0xff byte, which UTF-8 never starts with: UTF-8 writes a lone surrogate as U+FFFD, and two keys
 * that differ only there must not share a record.
 */
function slotOf(key: string): string {
  return SURROGATE.test(key)
    ? hash('sha256', Buffer.concat([UTF16_MARK, Buffer.from(key, 'utf16le')]), 'binary')
    : hash('sha256', key, 'binary');
}

const UTF16_MARK = Buffer.from([0xff]);
