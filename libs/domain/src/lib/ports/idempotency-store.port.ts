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
   * Atomically claims `key` for the request identified by `fingerprint` (a hash, never a secret).
   * An unfinished claim lapses after `inProgressTtlMs`, so a crashed owner blocks no one forever.
   */
  begin<T extends JsonValue>(key: string, fingerprint: string, inProgressTtlMs: number): Promise<IdempotencyBegin<T>>;
  /** Stores the finished operation's result for `ttlMs`; later `begin`s with the same fingerprint replay it. */
  complete(key: string, fingerprint: string, result: JsonValue, ttlMs: number): Promise<void>;
  /** Drops an unfinished claim (the operation did nothing), so a retry may start it again. */
  release(key: string, fingerprint: string): Promise<void>;
}
