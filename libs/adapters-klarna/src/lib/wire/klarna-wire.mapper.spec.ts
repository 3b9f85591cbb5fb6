import { CustomerTokenRequest } from '@paytokens/domain';
import { fromCreationResponse, fromCustomerTokenResponse, toCreationRequestBody } from './klarna-wire.mapper';

const SNAKE_KEY = /"[a-z0-9]+_[a-z0-9_]+"\s*:/;

describe('Klarna wire mapping', () => {
  it('maps every domain field to its Klarna name, and the authorization token nowhere', () => {
    const request = CustomerTokenRequest.create({
      authorizationToken: 'auth-token-abcdef123456',
      purchaseCountry: 'se',
      purchaseCurrency: 'sek',
      locale: 'sv-se',
      description: 'Plan',
      intendedUse: 'SUBSCRIPTION',
      billingAddress: {
        givenName: 'Anna',
        familyName: 'Svensson',
        streetAddress2: 'Lgh 1101',
        postalCode: '12345',
        organizationName: 'AB',
        country: 'se',
      },
      customer: {
        type: 'organization',
        dateOfBirth: '1980-01-01',
        lastFourSsn: '1234',
        nationalIdentificationNumber: '198001011234',
        organizationEntityType: 'OTHER',
        organizationRegistrationId: '556000-0000',
        vatId: 'SE556000000001',
      },
    });
    const body = toCreationRequestBody(request);
    expect(body).toEqual({
      purchase_country: 'SE',
      purchase_currency: 'SEK',
      locale: 'sv-SE',
      description: 'Plan',
      intended_use: 'SUBSCRIPTION',
      billing_address: {
        given_name: 'Anna',
        family_name: 'Svensson',
        street_address2: 'Lgh 1101',
        postal_code: '12345',
        organization_name: 'AB',
        country: 'SE',
      },
      customer: {
        type: 'organization',
        date_of_birth: '1980-01-01',
        last_four_ssn: '1234',
        national_identification_number: '198001011234',
        organization_entity_type: 'OTHER',
        organization_registration_id: '556000-0000',
        vat_id: 'SE556000000001',
      },
    });
    expect(JSON.stringify(body)).not.toContain('auth-token-abcdef123456');
  });

  it('maps a creation response to an ACTIVE domain token with camelCase fields only', () => {
    const token = fromCreationResponse({
      token_id: 'tok-1',
      redirect_url: 'https://credit.klarna.com/v1/sessions/x/redirect',
      payment_method_reference: 'ref-1',
      billing_address: { given_name: 'John', street_address2: 'Apt 214', postal_code: '90210', unknown_key: 'dropped', city: 42 },
      customer: { date_of_birth: '1978-12-31', gender: 'male', national_identification_number: 'not in this schema' },
    });
    expect(token?.toProps()).toEqual({
      tokenId: 'tok-1',
      status: 'ACTIVE',
      redirectUrl: 'https://credit.klarna.com/v1/sessions/x/redirect',
      paymentMethodReference: 'ref-1',
      billingAddress: { givenName: 'John', streetAddress2: 'Apt 214', postalCode: '90210' },
      customer: { dateOfBirth: '1978-12-31', gender: 'male' },
    });
    expect(JSON.stringify(token)).not.toMatch(SNAKE_KEY);
  });

  it('refuses a creation response without token_id', () => {
    expect(fromCreationResponse({ redirect_url: 'x' })).toBeUndefined();
    expect(fromCreationResponse({ token_id: '' })).toBeUndefined();
    expect(fromCreationResponse('tok')).toBeUndefined();
  });

  it('maps the document example of customer_token (card and direct debit) to the domain', () => {
    const token = fromCustomerTokenResponse('tok-1', {
      card: { brand: 'VISA', expiry_date: '12/2020', masked_number: '**1234' },
      direct_debit: { brand: 'string', masked_number: '**124' },
      payment_method_type: 'INVOICE',
      status: 'ACTIVE',
    });
    expect(token?.toProps()).toEqual({
      tokenId: 'tok-1',
      status: 'ACTIVE',
      paymentMethodType: 'INVOICE',
      card: { brand: 'VISA', expiryDate: '12/2020', maskedNumber: '**1234' },
      directDebit: { maskedNumber: '**124' },
    });
    expect(JSON.stringify(token)).not.toMatch(SNAKE_KEY);
  });

  it('keeps a status it does not know as given', () => {
    expect(fromCustomerTokenResponse('tok-1', { status: 'PENDING_REVIEW', payment_method_type: 'CARD' })?.status).toBe('PENDING_REVIEW');
  });

  it('refuses a customer_token without status or payment_method_type', () => {
    expect(fromCustomerTokenResponse('tok-1', { status: 'ACTIVE' })).toBeUndefined();
    expect(fromCustomerTokenResponse('tok-1', { payment_method_type: 'CARD' })).toBeUndefined();
    expect(fromCustomerTokenResponse('tok-1', null)).toBeUndefined();
  });
});
