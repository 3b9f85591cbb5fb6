import { createHash } from 'node:crypto';
import type { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import { CustomerToken, type CustomerTokenProps } from '../entities/customer-token.entity';
import { IdempotencyInProgressError, IdempotencyKeyReusedError, StoreUnavailableError, ValidationError } from '../errors/errors';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import type { IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';

/** How long idempotency records live. */
export interface IssueCustomerTokenSettings {
  /** How long a finished request's answer is replayed (default 24 hours). */
  recordTtlMs: number;
  /** How long an unfinished claim blocks its key if its owner dies (default 2 minutes; above any provider timeout). */
  inProgressTtlMs: number;
  /** Told when the store failed after the provider call, so the failure is logged, not lost. */
  onStoreError?: (operation: 'complete' | 'release', error: unknown) => void;
  /** The provider account this use case issues for: several accounts sharing one store then never share a key. */
  account?: string;
}

/** Per-call options. */
export interface IssueCustomerTokenOptions {
  /** The caller's idempotency key: 1 to 255 printable ASCII characters. */
  idempotencyKey?: string;
  /** Separates callers that may pick the same keys (e.g. an API key id). */
  idempotencyScope?: string;
}

/** The token, and whether it is a replay of an earlier answer to the same key. */
export interface IssuedCustomerToken {
  token: CustomerToken;
  replayed: boolean;
}

const DEFAULTS: IssueCustomerTokenSettings = { recordTtlMs: 24 * 60 * 60 * 1000, inProgressTtlMs: 2 * 60 * 1000 };
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/**
 * Turns a fresh authorization into a customer token, at most once per idempotency key: the same key
 * and request replay the stored answer, a different request is refused, a concurrent one is told to wait.
 */
export class IssueCustomerToken {
  private readonly settings: IssueCustomerTokenSettings;

  constructor(
    private readonly gateway: CustomerTokenGateway,
    private readonly store: IdempotencyStore,
    settings: Partial<IssueCustomerTokenSettings> = {},
  ) {
    this.settings = { ...DEFAULTS, ...settings };
  }

  async execute(request: CustomerTokenRequest, options: IssueCustomerTokenOptions = {}): Promise<IssuedCustomerToken> {
    if (options.idempotencyKey === undefined) return { token: await this.gateway.create(request), replayed: false };
    if (!IDEMPOTENCY_KEY.test(options.idempotencyKey)) {
      throw new ValidationError([{ field: 'idempotencyKey', message: 'must be 1 to 255 printable ASCII characters' }]);
    }
    const account = this.settings.account === undefined ? '' : `${this.settings.account}:`;
    const key = `customer-token:${this.gateway.provider}:${account}${sha256(`${options.idempotencyScope ?? ''}\n${options.idempotencyKey}`)}`;
    const fingerprint = sha256(request.fingerprintSource());

    const claim = await this.store.begin<JsonValue>(key, fingerprint, this.settings.inProgressTtlMs).catch((error: unknown) => {
      throw new StoreUnavailableError('Idempotency records are unavailable; retry later with the same key', {
        retryAfterSeconds: 1,
        cause: error,
      });
    });
    switch (claim.outcome) {
      case 'replay':
        return { token: new CustomerToken(claim.result as unknown as CustomerTokenProps), replayed: true };
      case 'in-progress':
        throw new IdempotencyInProgressError('A request with this idempotency key is still in progress', { retryAfterSeconds: 1 });
      case 'mismatch':
        throw new IdempotencyKeyReusedError('This idempotency key was already used for a different request');
    }

    let token: CustomerToken;
    try {
      token = await this.gateway.create(request);
    } catch (error) {
      // The provider call failed: free the key so the caller's retry with it may try again.
      await this.store.release(key, fingerprint).catch((storeError: unknown) => this.settings.onStoreError?.('release', storeError));
      throw error;
    }
    // The token exists now: the caller gets it even if the record cannot be written.
    await this.store
      .complete(key, fingerprint, token.toProps() as unknown as JsonValue, this.settings.recordTtlMs)
      .catch((storeError: unknown) => this.settings.onStoreError?.('complete', storeError));
    return { token, replayed: false };
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
