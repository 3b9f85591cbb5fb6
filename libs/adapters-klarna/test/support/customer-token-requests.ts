import { CustomerTokenRequest, type CustomerTokenRequestInput } from '@paytokens/domain';

/** The fewest fields Klarna accepts. */
export function minimalInput(authorizationToken: string): CustomerTokenRequestInput {
  return {
    authorizationToken,
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    description: 'Monthly coffee subscription',
    intendedUse: 'SUBSCRIPTION',
  };
}

/** A consumer with a full billing address. */
export function personInput(authorizationToken: string): CustomerTokenRequestInput {
  return {
    ...minimalInput(authorizationToken),
    purchaseCountry: 'US',
    purchaseCurrency: 'USD',
    locale: 'en-US',
    billingAddress: {
      title: 'Mr',
      givenName: 'John',
      familyName: 'Doe',
      email: 'john@doe.com',
      phone: '333444555',
      streetAddress: 'Lombard St 10',
      streetAddress2: 'Apt 214',
      postalCode: '90210',
      city: 'Beverly Hills',
      region: 'CA',
      country: 'US',
    },
    customer: { type: 'person', dateOfBirth: '1978-12-31', gender: 'male', lastFourSsn: '1234' },
  };
}

/** A business with every address and customer field set. */
export function organizationInput(authorizationToken: string): CustomerTokenRequestInput {
  return {
    ...minimalInput(authorizationToken),
    purchaseCountry: 'DE',
    purchaseCurrency: 'EUR',
    locale: 'de-DE',
    billingAddress: {
      title: 'Frau',
      givenName: 'Erika',
      familyName: 'Mustermann',
      organizationName: 'Muster GmbH',
      attention: 'Buchhaltung',
      email: 'billing@muster.example',
      phone: '+4930123456',
      streetAddress: 'Hauptstraße 1',
      streetAddress2: '3. OG',
      postalCode: '10115',
      city: 'Berlin',
      region: 'BE',
      country: 'DE',
    },
    customer: {
      type: 'organization',
      title: 'Frau',
      gender: 'female',
      dateOfBirth: '1980-02-29',
      lastFourSsn: '123456789',
      nationalIdentificationNumber: '19800229-1234',
      organizationEntityType: 'LIMITED_COMPANY',
      organizationRegistrationId: 'HRB 12345',
      vatId: 'DE123456789',
    },
  };
}

/** Every string at the longest length Klarna's document allows (address fields 99, postal code 10, title 20, description 255). */
export function maximumLengthInput(authorizationToken: string): CustomerTokenRequestInput {
  const text = (length: number) => 'x'.repeat(length);
  return {
    ...minimalInput(authorizationToken),
    description: text(255),
    billingAddress: {
      title: text(20),
      givenName: text(99),
      familyName: text(99),
      organizationName: text(99),
      attention: text(99),
      email: `${'e'.repeat(87)}@example.com`,
      phone: '4'.repeat(99),
      streetAddress: text(99),
      streetAddress2: text(99),
      postalCode: '1'.repeat(10),
      city: text(99),
      region: text(99),
      country: 'GB',
    },
    customer: {
      type: 'organization',
      title: text(255),
      gender: text(255),
      nationalIdentificationNumber: text(255),
      organizationRegistrationId: text(255),
      vatId: text(255),
      organizationEntityType: 'PUBLIC_INSTITUTION',
    },
  };
}

/** The domain request for an input. */
export function request(input: CustomerTokenRequestInput): CustomerTokenRequest {
  return CustomerTokenRequest.create(input);
}
