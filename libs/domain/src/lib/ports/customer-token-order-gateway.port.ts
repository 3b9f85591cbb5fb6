import type { TokenChargeRequest } from '../token-charge/token-charge-request';
import type { TokenOrder } from '../token-charge/token-order.entity';

/**
 * A provider that charges customer tokens. Implementations throw the domain's errors; an answer lost after
 * the request was sent (a timeout, a connection reset after sending) is a ProviderTimeoutError: the
 * provider may have placed the order, and only a retry with the same idempotency key can tell.
 */
export interface CustomerTokenOrderGateway {
  /** Which provider this is (`klarna`), for errors and metrics. */
  readonly provider: string;
  /** The provider account (e.g. a Klarna region or merchant id) charges go to; part of the provider idempotency key. */
  readonly account: string;
  /** Places one order; the provider deduplicates by `idempotencyKey` (Klarna-Idempotency-Key). */
  createOrder(request: TokenChargeRequest, idempotencyKey: string): Promise<TokenOrder>;
}
