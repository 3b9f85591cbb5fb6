import { inspect } from 'node:util';
import { ValidationError } from '../errors/errors';
import { Secret } from '../value-objects/secret';
import { CustomerTokenRequest, isCalendarDate, type CustomerTokenRequestInput } from './customer-token-request';
import { ORGANIZATION_ENTITY_TYPES } from './party';

const AUTH_TOKEN = 'b4bd3423-24e3-4b6c-a7d6-0f1e2c3b4a5d';

function minimalInput(): CustomerTokenRequestInput {
  return {
    authorizationToken: AUTH_TOKEN,
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    description: 'Monthly coffee subscription',
    intendedUse: 'SUBSCRIPTION',
  };
}

function fullAddress() {
  return {
    title: 'Ms',
    givenName: 'Jane',
    familyName: 'Doe',
    organizationName: 'Doe Coffee Ltd',
    attention: 'Accounts',
    email: 'jane.doe@example.com',
    phone: '+44 20 7946 0958',
    streetAddress: '10 Downing Street',
    streetAddress2: 'Flat 2',
    postalCode: 'SW1A 2AA',
    city: 'London',
    region: 'Greater London',
    country: 'gb',
  };
}

function personInput(): CustomerTokenRequestInput {
  return {
    ...minimalInput(),
    billingAddress: fullAddress(),
    customer: {
      type: 'person',
      title: 'Ms',
      gender: 'female',
      dateOfBirth: '1990-02-28',
      lastFourSsn: '1234',
      nationalIdentificationNumber: '19900228-1234',
    },
  };
}

function organizationInput(): CustomerTokenRequestInput {
  return {
    ...minimalInput(),
    billingAddress: fullAddress(),
    customer: {
      type: 'organization',
      organizationEntityType: 'LIMITED_COMPANY',
      organizationRegistrationId: '556036-0793',
      vatId: 'GB123456789',
    },
  };
}

/** Runs create and returns the ValidationError it must throw. */
function errorOf(input: unknown): ValidationError {
  try {
    CustomerTokenRequest.create(input as CustomerTokenRequestInput);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

function fieldsOf(input: unknown): string[] {
  return errorOf(input).errors.map((e) => e.field);
}

describe('CustomerTokenRequest.create', () => {
  describe('accepts', () => {
    it('a minimal request, normalising codes and locale', () => {
      const request = CustomerTokenRequest.create({ ...minimalInput(), purchaseCountry: 'gb', purchaseCurrency: 'gbp', locale: 'EN-gb' });
      expect(request.authorizationToken).toBeInstanceOf(Secret);
      expect(request.authorizationToken.reveal()).toBe(AUTH_TOKEN);
      expect(request.purchaseCountry).toBe('GB');
      expect(request.purchaseCurrency).toBe('GBP');
      expect(request.locale).toBe('en-GB');
      expect(request.description).toBe('Monthly coffee subscription');
      expect(request.intendedUse).toBe('SUBSCRIPTION');
      expect(request.billingAddress).toBeUndefined();
      expect(request.customer).toBeUndefined();
    });

    it('a person customer with every field', () => {
      const request = CustomerTokenRequest.create(personInput());
      expect(request.billingAddress).toEqual({ ...fullAddress(), country: 'GB' });
      expect(request.customer).toEqual(personInput().customer);
    });

    it('an organization customer with every field', () => {
      const request = CustomerTokenRequest.create(organizationInput());
      expect(request.billingAddress).toEqual({ ...fullAddress(), country: 'GB' });
      expect(request.customer).toEqual(organizationInput().customer);
    });

    it.each(ORGANIZATION_ENTITY_TYPES.map((type) => [type]))('organizationEntityType %s', (type) => {
      const request = CustomerTokenRequest.create({ ...minimalInput(), customer: { type: 'organization', organizationEntityType: type } });
      expect(request.customer?.organizationEntityType).toBe(type);
    });

    it('an authorization token given as a Secret, and one of 1024 characters', () => {
      expect(
        CustomerTokenRequest.create({ ...minimalInput(), authorizationToken: new Secret(AUTH_TOKEN) }).authorizationToken.reveal(),
      ).toBe(AUTH_TOKEN);
      const long = 'a'.repeat(1024);
      expect(CustomerTokenRequest.create({ ...minimalInput(), authorizationToken: long }).authorizationToken.reveal()).toBe(long);
    });

    it('boundary values: description of 1 and 255 characters, 255-character address fields, 9-digit SSN, leap day, empty email', () => {
      expect(CustomerTokenRequest.create({ ...minimalInput(), description: 'x' }).description).toBe('x');
      expect(CustomerTokenRequest.create({ ...minimalInput(), description: 'x'.repeat(255) }).description).toHaveLength(255);
      const request = CustomerTokenRequest.create({
        ...minimalInput(),
        billingAddress: { streetAddress: 's'.repeat(255), email: '' },
        customer: { lastFourSsn: '123456789', dateOfBirth: '2024-02-29' },
      });
      expect(request.billingAddress?.streetAddress).toHaveLength(255);
      expect(request.customer?.lastFourSsn).toBe('123456789');
    });
  });

  describe('refuses', () => {
    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
    ])('required fields that are %s', (_label, value) => {
      const input = {
        authorizationToken: value,
        purchaseCountry: value,
        purchaseCurrency: value,
        locale: value,
        description: value,
        intendedUse: value,
      };
      const errors = errorOf(input).errors;
      expect(errors.map((e) => e.field)).toEqual([
        'authorizationToken',
        'purchaseCountry',
        'purchaseCurrency',
        'locale',
        'description',
        'intendedUse',
      ]);
      expect(errors.find((e) => e.field === 'purchaseCountry')?.message).toBe('is required');
    });

    it('a missing input altogether', () => {
      expect(fieldsOf(undefined)).toEqual([
        'authorizationToken',
        'purchaseCountry',
        'purchaseCurrency',
        'locale',
        'description',
        'intendedUse',
      ]);
    });

    it.each([
      ['a slash', 'abc/def'],
      ['a space', 'abc def'],
      ['a non-ASCII character', 'abcé'],
      ['a control character', 'abc\ndef'],
      ['more than 1024 characters', 'a'.repeat(1025)],
      ['a dot segment', '.'],
      ['a double-dot segment', '..'],
      ['a number', 12345],
    ])('an authorization token with %s', (_label, token) => {
      expect(fieldsOf({ ...minimalInput(), authorizationToken: token })).toEqual(['authorizationToken']);
    });

    it.each([
      ['purchaseCountry', 'XX'],
      ['purchaseCountry', 'GBR'],
      ['purchaseCurrency', 'ABC'],
      ['purchaseCurrency', 826],
      ['locale', 'en'],
      ['locale', 'en_GB'],
      ['locale', 'en-XX'],
    ])('%s %p', (field, value) => {
      expect(fieldsOf({ ...minimalInput(), [field]: value })).toEqual([field]);
    });

    it.each([
      ['empty', ''],
      ['longer than 255 characters', 'x'.repeat(256)],
      ['not a string', 42],
    ])('a description that is %s', (_label, description) => {
      expect(fieldsOf({ ...minimalInput(), description })).toEqual(['description']);
    });

    it.each([['ONE_OFF'], ['subscription'], [42]])('intendedUse %p', (intendedUse) => {
      const errors = errorOf({ ...minimalInput(), intendedUse }).errors;
      expect(errors).toEqual([{ field: 'intendedUse', message: 'must be one of SUBSCRIPTION' }]);
    });

    it('a missing required field with "is required" and nothing else', () => {
      const input = {
        authorizationToken: undefined,
        purchaseCountry: null,
        purchaseCurrency: '',
        description: undefined,
        intendedUse: null,
      };
      expect(errorOf({ ...minimalInput(), ...input }).errors).toEqual([
        { field: 'authorizationToken', message: 'is required' },
        { field: 'purchaseCountry', message: 'is required' },
        { field: 'purchaseCurrency', message: 'is required' },
        { field: 'description', message: 'is required' },
        { field: 'intendedUse', message: 'is required' },
      ]);
    });

    it('unknown top-level keys, each once', () => {
      expect(errorOf({ ...minimalInput(), merchantReference: 'x', planet: 'Mars' }).errors).toEqual([
        { field: 'merchantReference', message: 'is not a known field' },
        { field: 'planet', message: 'is not a known field' },
      ]);
    });

    it('a field that breaks two rules once, with the first problem found', () => {
      const errors = errorOf({ ...minimalInput(), billingAddress: { country: 'x'.repeat(300), email: ' '.repeat(300) } }).errors;
      expect(errors).toEqual([
        { field: 'billingAddress.email', message: 'must be at most 255 characters' },
        { field: 'billingAddress.country', message: 'must be at most 255 characters' },
      ]);
    });

    it('an authorization token that is not a string', () => {
      expect(errorOf({ ...minimalInput(), authorizationToken: 12345 }).errors).toEqual([
        { field: 'authorizationToken', message: 'must be a string' },
      ]);
    });

    it('every billing address field longer than 255 characters or not a string', () => {
      const long = Object.fromEntries(Object.keys(fullAddress()).map((key) => [key, 'a'.repeat(256)]));
      const fields = fieldsOf({ ...minimalInput(), billingAddress: long });
      for (const key of Object.keys(fullAddress())) expect(fields).toContain(`billingAddress.${key}`);
      const numbers = Object.fromEntries(Object.keys(fullAddress()).map((key) => [key, 1]));
      expect(fieldsOf({ ...minimalInput(), billingAddress: numbers })).toEqual(
        Object.keys(fullAddress()).map((key) => `billingAddress.${key}`),
      );
    });

    it.each([['XX'], ['GBR'], ['']])('a billing address country %p', (country) => {
      expect(fieldsOf({ ...minimalInput(), billingAddress: { country } })).toEqual(['billingAddress.country']);
    });

    it.each([['jane'], ['jane@'], ['@example.com'], ['jane doe@example.com'], ['jane@@example.com']])('an email %p', (email) => {
      expect(fieldsOf({ ...minimalInput(), billingAddress: { email } })).toEqual(['billingAddress.email']);
    });

    it.each([
      ['2023-02-29'],
      ['2023-02-30'],
      ['1990-13-01'],
      ['1990-00-10'],
      ['1990-01-32'],
      ['1990-1-1'],
      ['19900101'],
      ['01-01-1990'],
      ['1990-01-01T00:00:00Z'],
    ])('a dateOfBirth %p', (dateOfBirth) => {
      expect(fieldsOf({ ...minimalInput(), customer: { dateOfBirth } })).toEqual(['customer.dateOfBirth']);
    });

    it.each([['123'], ['12345'], ['12345678'], ['1234567890'], ['12a4'], ['']])('a lastFourSsn %p', (lastFourSsn) => {
      expect(fieldsOf({ ...minimalInput(), customer: { lastFourSsn } })).toEqual(['customer.lastFourSsn']);
    });

    it.each([['LLC'], ['limited_company'], ['']])('an organizationEntityType %p', (organizationEntityType) => {
      expect(fieldsOf({ ...minimalInput(), customer: { organizationEntityType } })).toEqual(['customer.organizationEntityType']);
    });

    it.each([['robot'], ['Person'], ['']])('a customer type %p', (type) => {
      expect(fieldsOf({ ...minimalInput(), customer: { type } })).toEqual(['customer.type']);
    });

    it('unknown nested keys', () => {
      const errors = errorOf({ ...minimalInput(), billingAddress: { street: 'x' }, customer: { ssn: '1234' } }).errors;
      expect(errors).toEqual([
        { field: 'billingAddress.street', message: 'is not a known field' },
        { field: 'customer.ssn', message: 'is not a known field' },
      ]);
    });

    it.each([['text'], [[]], [null], [42]])('billingAddress and customer that are %p instead of objects', (value) => {
      expect(fieldsOf({ ...minimalInput(), billingAddress: value, customer: value })).toEqual(['billingAddress', 'customer']);
    });
  });

  it('reports every error at once, in one ValidationError with field paths', () => {
    const error = errorOf({
      authorizationToken: 'has/slash',
      purchaseCountry: 'XX',
      purchaseCurrency: 'ABC',
      locale: 'en_GB',
      description: '',
      intendedUse: 'ONE_OFF',
      billingAddress: { country: 'XX', email: 'nope', givenName: 'g'.repeat(256), nickname: 'J' },
      customer: { type: 'robot', dateOfBirth: '2023-02-30', lastFourSsn: '12', organizationEntityType: 'LLC', shoeSize: '9' },
    });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors.map((e) => e.field).sort()).toEqual(
      [
        'authorizationToken',
        'purchaseCountry',
        'purchaseCurrency',
        'locale',
        'description',
        'intendedUse',
        'billingAddress.givenName',
        'billingAddress.nickname',
        'billingAddress.country',
        'billingAddress.email',
        'customer.shoeSize',
        'customer.type',
        'customer.dateOfBirth',
        'customer.lastFourSsn',
        'customer.organizationEntityType',
      ].sort(),
    );
    for (const { field, message } of error.errors) expect(error.message).toContain(`${field} ${message}`);
  });

  describe('keeps the authorization token secret', () => {
    it('in the request itself', () => {
      const request = CustomerTokenRequest.create(personInput());
      expect(JSON.stringify(request)).not.toContain(AUTH_TOKEN);
      expect(inspect(request, { depth: 10 })).not.toContain(AUTH_TOKEN);
      expect(String(request.authorizationToken)).toBe('[REDACTED]');
    });

    it.each([
      ['valid, with other fields wrong', AUTH_TOKEN],
      ['malformed', `${AUTH_TOKEN}/x y`],
    ])('in the error when the token is %s', (_label, token) => {
      const error = errorOf({ ...minimalInput(), authorizationToken: token, purchaseCountry: 'XX' });
      const secretPart = AUTH_TOKEN.slice(0, 20);
      expect(error.message).not.toContain(secretPart);
      expect(JSON.stringify(error)).not.toContain(secretPart);
      expect(inspect(error)).not.toContain(secretPart);
    });
  });

  describe('fingerprintSource', () => {
    const base = () => CustomerTokenRequest.create(personInput()).fingerprintSource();

    it('is equal for equal requests, whatever the key order and letter case of codes', () => {
      const reverse = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).reverse()) as T;
      const input = personInput();
      const reordered = reverse({
        ...input,
        purchaseCountry: 'gb',
        locale: 'EN-gb',
        authorizationToken: new Secret(AUTH_TOKEN),
        billingAddress: reverse(input.billingAddress!),
        customer: reverse(input.customer!),
      });
      expect(Object.keys(reordered)[0]).toBe('customer');
      expect(CustomerTokenRequest.create(reordered).fingerprintSource()).toBe(base());
    });

    it.each<[string, (input: CustomerTokenRequestInput) => CustomerTokenRequestInput]>([
      ['authorizationToken', (i) => ({ ...i, authorizationToken: `${AUTH_TOKEN}x` })],
      ['purchaseCountry', (i) => ({ ...i, purchaseCountry: 'SE', billingAddress: { ...i.billingAddress, country: 'SE' } })],
      ['purchaseCurrency', (i) => ({ ...i, purchaseCurrency: 'EUR' })],
      ['locale', (i) => ({ ...i, locale: 'en-US' })],
      ['description', (i) => ({ ...i, description: 'Weekly coffee subscription' })],
      ['billingAddress.city', (i) => ({ ...i, billingAddress: { ...i.billingAddress, city: 'Leeds' } })],
      ['billingAddress.streetAddress2 removed', (i) => ({ ...i, billingAddress: { ...i.billingAddress, streetAddress2: undefined } })],
      ['billingAddress removed', (i) => ({ ...i, billingAddress: undefined })],
      ['customer.dateOfBirth', (i) => ({ ...i, customer: { ...i.customer, dateOfBirth: '1990-03-01' } })],
      ['customer.type', (i) => ({ ...i, customer: { ...i.customer, type: 'organization' } })],
      ['customer removed', (i) => ({ ...i, customer: undefined })],
    ])('differs when %s differs', (_label, change) => {
      expect(CustomerTokenRequest.create(change(personInput())).fingerprintSource()).not.toBe(base());
    });
  });
});

describe('CustomerTokenRequest billing country', () => {
  it('refuses a billing country other than the purchase country before any call (Klarna: 400 Bad value: purchase_country)', () => {
    const error = (() => {
      try {
        CustomerTokenRequest.create({
          ...personInput(),
          purchaseCountry: 'GB',
          billingAddress: { ...personInput().billingAddress, country: 'se' },
        });
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(error?.errors).toEqual([{ field: 'billingAddress.country', message: 'must be the purchase country (GB)' }]);
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2023-04-31')).toBe(false);
  });
});
