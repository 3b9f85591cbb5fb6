import { hash, randomUUID } from 'node:crypto';
import { IdempotencyInProgressError, IdempotencyKeyReusedError, StoreUnavailableError, ValidationError } from '../errors/errors';
import type { IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';

/** How long idempotency records live. */
export interface IdempotencySettings {
  /** How long a finished request's answer is replayed (default 24 hours). */
  recordTtlMs: number;
  /** How long an unfinished claim blocks its key if its owner dies (default 2 minutes; above any provider timeout). */
  inProgressTtlMs: number;
  /** Told when the store failed after the provider call, so the failure is logged, not lost. */
  onStoreError?: (operation: 'complete' | 'release', error: unknown) => void;
}

/** The defaults of {@link IdempotencySettings}. */
export const DEFAULT_IDEMPOTENCY_SETTINGS: IdempotencySettings = { recordTtlMs: 24 * 60 * 60 * 1000, inProgressTtlMs: 2 * 60 * 1000 };

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** Throws a ValidationError unless `key` is 1 to 255 printable ASCII characters. */
export function assertIdempotencyKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([{ field: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters' }]);
  }
}

/** One keyed operation: where its record lives, what identifies its request, how to run it and store its result. */
export interface IdempotentOperation<T> {
  /** The store key (already scoped and hashed). */
  key: string;
  /** A hash of the request; the same key with another fingerprint is refused. */
  fingerprint: string;
  run: () => Promise<T>;
  toRecord: (result: T) => JsonValue;
  fromRecord: (record: JsonValue) => T;
}

/**
 * Runs an operation at most once per key: the same key and request replay the stored answer, a different
 * request is refused (IdempotencyKeyReusedError), a concurrent one is told to wait (IdempotencyInProgressError).
 */
export async function runIdempotently<T>(
  store: IdempotencyStore,
  settings: IdempotencySettings,
  operation: IdempotentOperation<T>,
): Promise<{ result: T; replayed: boolean }> {
  const { key, fingerprint } = operation;
  // One id per attempt: releases take back this attempt's claim only, never a concurrent retry's.
  const claimId = randomUUID();
  const claim = await store.begin<JsonValue>(key, fingerprint, settings.inProgressTtlMs, claimId).catch((error: unknown) => {
    // A claim whose write timed out may still be written once the store recovers (a stalled Redis runs it
    // later): fence it off with a release sent right behind it, so the retry is not blocked until it lapses.
    store.release(key, fingerprint, claimId).catch((storeError: unknown) => settings.onStoreError?.('release', storeError));
    throw new StoreUnavailableError('Idempotency records are unavailable; retry later with the same key', {
      retryAfterSeconds: 1,
      cause: error,
    });
  });
  switch (claim.outcome) {
    case 'replay':
      return { result: operation.fromRecord(claim.result), replayed: true };
    case 'in-progress':
      throw new IdempotencyInProgressError('A request with this idempotency key is still in progress', { retryAfterSeconds: 1 });
    case 'mismatch':
      throw new IdempotencyKeyReusedError('This idempotency key was already used for a different request');
  }

  let result: T;
  try {
    result = await operation.run();
  } catch (error) {
    // The provider call failed: free the key so the caller's retry with it may try again.
    await store.release(key, fingerprint, claimId).catch((storeError: unknown) => settings.onStoreError?.('release', storeError));
    throw error;
  }
  // The result exists now: the caller gets it even if the record cannot be written.
  await store
    .complete(key, fingerprint, operation.toRecord(result), settings.recordTtlMs)
    .catch((storeError: unknown) => settings.onStoreError?.('complete', storeError));
  return { result, replayed: false };
}

/** Hex SHA-256 of a text: store keys and fingerprints never hold the caller's raw values. */
export function sha256Hex(text: string): string {
  // The one-shot hash: a third of createHash's cost on short texts, the same digest.
  return hash('sha256', text, 'hex');
}
