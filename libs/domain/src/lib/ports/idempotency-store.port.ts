/** A JSON-serialisable value, as an idempotency record stores it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** What `begin` found for a key. */
export type IdempotencyBegin<T extends JsonValue = JsonValue> =
  /** No record: this caller owns the operation and must `complete` or `release` it. */
  | { outcome: 'started' }
  /** The same request finished before: here is its stored result. */
  | { outcome: 'replay'; result: T }
  /** The same request is being processed right now by someone else. */
  | { outcome: 'in-progress' }
  /** The key was used before for a different request. */
  | { outcome: 'mismatch' };

/** Records of keyed operations, so that a retried request is answered once and never performed twice. */
export interface IdempotencyStore {
  /**
   * Atomically claims `key` for the request identified by `fingerprint` (a hash, never a secret), tagged
   * with `claim` (unique per attempt) when given. An unfinished claim lapses after `inProgressTtlMs`, so a
   * crashed owner blocks no one forever. A store that cannot keep the claim rejects (never drops an older record).
   */
  begin<T extends JsonValue>(key: string, fingerprint: string, inProgressTtlMs: number, claim?: string): Promise<IdempotencyBegin<T>>;
  /** Stores the finished operation's result for `ttlMs`; later `begin`s with the same fingerprint replay it. */
  complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void>;
  /**
   * Drops an unfinished claim (the operation did nothing), so a retry may start it again; with `claim`, only
   * that attempt's claim (a claim whose `begin` timed out may still land later: releasing it fences it off).
   */
  release(key: string, fingerprint: string, claim?: string): Promise<void>;
}
