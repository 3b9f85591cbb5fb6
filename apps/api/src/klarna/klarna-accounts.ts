import type {
  KlarnaCustomerTokens,
  KlarnaHealthIndicator,
  KlarnaPaymentSessions,
  KlarnaRegion,
  KlarnaTokenCharges,
} from '@paytokens/adapters-klarna';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import type { AllowedAccounts } from '../accounts/account-choice';
import { ProviderAccounts } from '../accounts/provider-accounts';

/** One configured Klarna account and its parts, as KlarnaModule registered them. */
export interface KlarnaAccount {
  name: string;
  region: KlarnaRegion;
  customerTokens: KlarnaCustomerTokens;
  sessions: KlarnaPaymentSessions;
  charges: KlarnaTokenCharges;
  circuit: ProviderCircuit;
  health: KlarnaHealthIndicator;
}

/** The region whose Klarna hosts serve a purchase country (ISO 3166-1 alpha-2). */
export function klarnaRegionOf(purchaseCountry: string): KlarnaRegion {
  const country = purchaseCountry.toUpperCase();
  if (['US', 'CA', 'MX'].includes(country)) return 'na';
  if (['AU', 'NZ'].includes(country)) return 'oc';
  return 'eu';
}

/** Every configured Klarna account, by name; chooses the one a request uses. */
export class KlarnaAccounts extends ProviderAccounts<KlarnaAccount> {
  constructor(all: readonly KlarnaAccount[]) {
    super('Klarna', all);
  }

  /**
   * The account a request uses (see chooseAccount); with `purchaseCountry` (a create or a session), an unnamed
   * account is the one whose region serves that country.
   */
  choose(named: string | undefined, allowed: AllowedAccounts, purchaseCountry?: string): KlarnaAccount {
    if (purchaseCountry === undefined) return this.pick(named, allowed);
    const region = klarnaRegionOf(purchaseCountry);
    return this.pick(named, allowed, {
      fitting: this.all.filter((account) => account.region === region).map(({ name }) => name),
      reason: `purchase country ${purchaseCountry} (region ${region})`,
    });
  }
}
