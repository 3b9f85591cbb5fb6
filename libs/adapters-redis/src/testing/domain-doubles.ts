import { randomBytes } from 'node:crypto';
import { AccessToken, CustomerToken, CustomerTokenRequest, type AccessTokenIssuer, type CustomerTokenGateway } from '@paytokens/domain';

/** A token endpoint that is slow on purpose and counts how often it is asked (adapters cannot use each other). */
export class SlowCountingIssuer implements AccessTokenIssuer {
  readonly provider = 'test';
  calls = 0;

  constructor(private readonly delayMs: number) {}

  async issue(): Promise<AccessToken> {
    this.calls++;
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return AccessToken.issued(`token-${randomBytes(8).toString('hex')}`, 'Bearer', Date.now(), 3600);
  }
}

/** The shopper's data a creation answer echoes, as Klarna's does: what must never be readable in Redis. */
export const SHOPPER = {
  billingAddress: {
    givenName: 'Astrid',
    familyName: 'Lindqvist-Testperson',
    email: 'astrid.lindqvist@example.org',
    phone: '+46701234567',
    streetAddress: 'Sveavagen 44',
    city: 'Stockholm',
    country: 'SE',
  },
  customer: { dateOfBirth: '1987-06-05', gender: 'female' },
} as const;

/** A customer-token provider that counts how often it is asked to create a token; its answers carry {@link SHOPPER}. */
export class CountingGateway implements CustomerTokenGateway {
  readonly provider = 'test';
  creates = 0;

  async create(): Promise<CustomerToken> {
    this.creates++;
    return new CustomerToken({
      tokenId: `ct_${this.creates}`,
      status: 'ACTIVE',
      billingAddress: { ...SHOPPER.billingAddress },
      customer: { ...SHOPPER.customer },
    });
  }

  async read(): Promise<CustomerToken> {
    throw new Error('not used in these tests');
  }

  async cancel(): Promise<void> {
    throw new Error('not used in these tests');
  }
}

/** A valid request; a different `authorizationToken` makes a different fingerprint. */
export function customerTokenRequest(authorizationToken = 'auth-token-1'): CustomerTokenRequest {
  return CustomerTokenRequest.create({
    authorizationToken,
    purchaseCountry: 'SE',
    purchaseCurrency: 'SEK',
    locale: 'sv-SE',
    description: 'Monthly plan',
    intendedUse: 'SUBSCRIPTION',
  });
}
