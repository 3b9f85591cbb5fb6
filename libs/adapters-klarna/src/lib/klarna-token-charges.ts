import type { ChargeCustomerToken, ChargeCustomerTokenOptions, ChargedCustomerToken, TokenChargeRequest } from '@paytokens/domain';
import type { KlarnaServices } from './create-klarna';

/** One Klarna account's token charges: what a consumer injects with `@InjectKlarnaTokenCharges(account)`. */
export class KlarnaTokenCharges {
  /** The account charges go to. */
  readonly account: string;
  private readonly charger: ChargeCustomerToken;

  constructor(services: Pick<KlarnaServices, 'account' | 'charge'>) {
    this.account = services.account;
    this.charger = services.charge;
  }

  /**
   * Charges a customer token once per idempotency key (required): Klarna gets a Klarna-Idempotency-Key derived
   * from it, and a charge whose answer was lost is retried once, answering the one order.
   */
  charge(request: TokenChargeRequest, options: ChargeCustomerTokenOptions): Promise<ChargedCustomerToken> {
    return this.charger.execute(request, options);
  }
}
