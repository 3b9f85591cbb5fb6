import { assertTokenId, type CustomerTokenOrderGateway, type TokenChargeRequest, type TokenOrder } from '@paytokens/domain';
import { KLARNA_PROVIDER, parseJson, type KlarnaCaller } from './klarna-caller';
import { unreadableKlarnaAnswer } from './klarna.errors';
import { fromOrder, toTokenOrderBody } from './wire/klarna-flow.mapper';

/** The header Klarna deduplicates token orders by [K7]. */
export const KLARNA_IDEMPOTENCY_KEY_HEADER = 'Klarna-Idempotency-Key';

/**
 * The {@link CustomerTokenOrderGateway} for Klarna's Customer Token API v1 (createOrder), through the account's
 * pool and circuit breaker. A timeout or a reset is a ProviderTimeoutError: the order may exist, and the domain's
 * ChargeCustomerToken retries once with the same Klarna-Idempotency-Key, which Klarna answers with that order.
 */
export class KlarnaTokenOrderGateway implements CustomerTokenOrderGateway {
  readonly provider = KLARNA_PROVIDER;

  constructor(private readonly caller: KlarnaCaller) {}

  /** The account charges go to; part of the derived Klarna-Idempotency-Key. */
  get account(): string {
    return this.caller.config.account;
  }

  /** POST /customer-token/v1/tokens/{customerToken}/order with the Klarna-Idempotency-Key; refusals map to the domain's. */
  async createOrder(request: TokenChargeRequest, idempotencyKey: string): Promise<TokenOrder> {
    assertTokenId(request.tokenId);
    const path = `/customer-token/v1/tokens/${encodeURIComponent(request.tokenId)}/order`;
    const headers = { [KLARNA_IDEMPOTENCY_KEY_HEADER]: idempotencyKey };
    // No transparent stale-socket retry: the use case owns the one retry, so Klarna sees at most two attempts.
    return this.caller.call(
      'createOrder',
      {
        method: 'POST',
        path,
        routeTemplate: '/customer-token/v1/tokens/{customerToken}/order',
        headers,
        body: toTokenOrderBody(request),
        retryOnStaleConnection: false,
      },
      (response) => {
        const order = fromOrder(parseJson(response.text));
        if (!order) throw unreadableKlarnaAnswer('createOrder', response, this.caller.secrets());
        return order;
      },
    );
  }
}
