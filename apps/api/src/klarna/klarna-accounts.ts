import type {
  KlarnaCustomerTokens,
  KlarnaHealthIndicator,
  KlarnaPaymentSessions,
  KlarnaRegion,
  KlarnaTokenCharges,
} from '@paytokens/adapters-klarna';
import type { FastifyReply } from 'fastify';
import { ACCOUNT_HEADER } from '../accounts/account-choice';
import type { ProviderCircuit } from '@paytokens/provider-kit';
import { chooseAccount, type AllowedAccounts } from '../accounts/account-choice';

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
export class KlarnaAccounts {
  private readonly byName: ReadonlyMap<string, KlarnaAccount>;

  constructor(readonly all: readonly KlarnaAccount[]) {
    this.byName = new Map(all.map((account) => [account.name, account]));
  }

  /** The configured account names, in configuration order. */
  get names(): string[] {
    return this.all.map(({ name }) => name);
  }

  /**
   * The account a request uses (see chooseAccount); with `purchaseCountry` (a create or a session), an unnamed
   * account is the one whose region serves that country.
   */
  choose(named: string | undefined, allowed: AllowedAccounts, purchaseCountry?: string): KlarnaAccount {
    let routing;
    if (purchaseCountry !== undefined) {
      const region = klarnaRegionOf(purchaseCountry);
      routing = {
        fitting: this.all.filter((account) => account.region === region).map(({ name }) => name),
        reason: `purchase country ${purchaseCountry} (region ${region})`,
      };
    }
    return this.byName.get(chooseAccount('Klarna', this.names, named, allowed, routing)) as KlarnaAccount;
  }
}

/** Names the chosen account in the answer's header (errors included: an answer without a body has only this). */
export function answerFor<T extends { name: string }>(reply: FastifyReply, account: T): T {
  reply.header(ACCOUNT_HEADER, account.name);
  return account;
}
