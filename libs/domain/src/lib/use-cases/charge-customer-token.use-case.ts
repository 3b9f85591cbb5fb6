import { hash } from 'node:crypto';
import { ProviderTimeoutError, ValidationError } from '../errors/errors';
import type { CustomerTokenOrderGateway } from '../ports/customer-token-order-gateway.port';
import type { IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';
import type { TokenChargeRequest } from '../token-charge/token-charge-request';
import { TokenOrder, type TokenOrderProps } from '../token-charge/token-order.entity';
import {
  assertIdempotencyKey,
  DEFAULT_IDEMPOTENCY_SETTINGS,
  runIdempotently,
  sha256Hex,
  type IdempotencySettings,
} from './idempotent-operation';

/** Per-call options; the idempotency key is required: a charge must never be placed twice. */
export interface ChargeCustomerTokenOptions {
  /** The caller's idempotency key: 1 to 255 printable ASCII characters. */
  idempotencyKey: string;
  /** Separates callers that may pick the same keys (e.g. an API key id). */
  idempotencyScope?: string;
}

/** The order, and whether it is a replay of an earlier answer to the same key. */
export interface ChargedCustomerToken {
  order: TokenOrder;
  replayed: boolean;
}

// A fixed namespace for the provider keys this library derives (RFC 9562 name-based UUIDs).
const PROVIDER_KEY_NAMESPACE = Buffer.from('5f0c2d4e-8a61-4b7f-9d3e-2c1a7b9e4f60'.replace(/-/g, ''), 'hex');

/**
 * Charges a customer token at most once per idempotency key, like IssueCustomerToken (replay, refusal of
 * another request, wait while in progress). The provider gets its own key derived from the caller's, the same
 * on every attempt, so that a charge whose answer was lost is retried once and the provider answers the one order.
 */
export class ChargeCustomerToken {
  private readonly settings: IdempotencySettings;

  constructor(
    private readonly gateway: CustomerTokenOrderGateway,
    private readonly store: IdempotencyStore,
    settings: Partial<IdempotencySettings> = {},
  ) {
    this.settings = { ...DEFAULT_IDEMPOTENCY_SETTINGS, ...settings };
  }

  async execute(request: TokenChargeRequest, options: ChargeCustomerTokenOptions): Promise<ChargedCustomerToken> {
    if (options?.idempotencyKey === undefined)
      throw new ValidationError([{ field: 'idempotencyKey', message: 'is required to charge a token' }]);
    assertIdempotencyKey(options.idempotencyKey);
    const scopedKey = `${options.idempotencyScope ?? ''}\n${options.idempotencyKey}`;
    const providerKey = providerIdempotencyKey(this.gateway.account, scopedKey);
    const { result, replayed } = await runIdempotently(this.store, this.settings, {
      key: `token-order:${this.gateway.provider}:${this.gateway.account}:${sha256Hex(scopedKey)}`,
      fingerprint: sha256Hex(request.fingerprintSource()),
      run: () => this.placeOrder(request, providerKey),
      toRecord: (order) => order.toProps() as unknown as JsonValue,
      fromRecord: (record) => new TokenOrder(record as unknown as TokenOrderProps),
    });
    return { order: result, replayed };
  }

  private async placeOrder(request: TokenChargeRequest, providerKey: string): Promise<TokenOrder> {
    try {
      return await this.gateway.createOrder(request, providerKey);
    } catch (error) {
      // The answer was lost, the order may exist: the provider deduplicates by the key, so one retry is safe.
      if (error instanceof ProviderTimeoutError) return this.gateway.createOrder(request, providerKey);
      throw error;
    }
  }
}

/** A UUIDv5 of the account and the caller's (scoped) key: stable across attempts and processes, reveals neither. */
export function providerIdempotencyKey(account: string, scopedKey: string): string {
  // The one-shot hash of namespace and name: the same digest as createHash('sha1'), at a third of its cost.
  const digest = hash('sha1', Buffer.concat([PROVIDER_KEY_NAMESPACE, Buffer.from(`${account}\n${scopedKey}`, 'utf8')]), 'buffer');
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
