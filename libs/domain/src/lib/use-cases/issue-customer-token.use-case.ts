import type { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import { CustomerToken, type CustomerTokenProps } from '../entities/customer-token.entity';
import type { CustomerTokenGateway } from '../ports/customer-token-gateway.port';
import type { IdempotencyStore, JsonValue } from '../ports/idempotency-store.port';
import {
  assertIdempotencyKey,
  DEFAULT_IDEMPOTENCY_SETTINGS,
  runIdempotently,
  sha256Hex,
  type IdempotencySettings,
} from './idempotent-operation';

/** How long idempotency records live. */
export interface IssueCustomerTokenSettings extends IdempotencySettings {
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
    this.settings = { ...DEFAULT_IDEMPOTENCY_SETTINGS, ...settings };
  }

  async execute(request: CustomerTokenRequest, options: IssueCustomerTokenOptions = {}): Promise<IssuedCustomerToken> {
    if (options.idempotencyKey === undefined) return { token: await this.gateway.create(request), replayed: false };
    assertIdempotencyKey(options.idempotencyKey);
    const account = this.settings.account === undefined ? '' : `${this.settings.account}:`;
    const { result, replayed } = await runIdempotently(this.store, this.settings, {
      key: `customer-token:${this.gateway.provider}:${account}${sha256Hex(`${options.idempotencyScope ?? ''}\n${options.idempotencyKey}`)}`,
      fingerprint: sha256Hex(request.fingerprintSource()),
      run: () => this.gateway.create(request),
      toRecord: (token) => replayRecord(token),
      fromRecord: (record) => new CustomerToken(record as unknown as CustomerTokenProps),
    });
    return { token: result, replayed };
  }
}

/** The fields of a creation answer: what a replay returns, so all an idempotency record keeps. */
const REPLAYED_FIELDS = ['tokenId', 'status', 'redirectUrl', 'paymentMethodReference', 'billingAddress', 'customer'] as const;

/**
 * What an idempotency record keeps of a new token: only the fields the creation answer carries (and a replay must
 * return the same), never anything else the token may hold (card, direct-debit details).
 */
function replayRecord(token: CustomerToken): JsonValue {
  const props = token.toProps();
  const record: Record<string, JsonValue> = {};
  for (const field of REPLAYED_FIELDS) if (props[field] !== undefined) record[field] = props[field] as unknown as JsonValue;
  return record;
}
