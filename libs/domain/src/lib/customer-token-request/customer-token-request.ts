import { canonicalJson } from '../value-objects/canonical-json';
import { parseCountryCode, type CountryCode } from '../value-objects/country-code';
import { parseCurrencyCode, type CurrencyCode } from '../value-objects/currency-code';
import { FieldErrors, isMissing, REQUIRED_MESSAGE } from '../value-objects/field-errors';
import { parseLocale, type Locale } from '../value-objects/locale';
import { Secret } from '../value-objects/secret';
import { checkBillingCountry } from './billing-country';
import { ORGANIZATION_ENTITY_TYPES, type Address, type Customer, type OrganizationEntityType } from './party';

/** What a customer token is for; recurring charges are the only use providers accept today. */
export const INTENDED_USES = ['SUBSCRIPTION'] as const;
/** One of {@link INTENDED_USES}. */
export type IntendedUse = (typeof INTENDED_USES)[number];

/** The unvalidated shape callers hand in (e.g. a parsed JSON body). */
export interface CustomerTokenRequestInput {
  authorizationToken: string | Secret;
  purchaseCountry: string;
  purchaseCurrency: string;
  locale: string;
  description: string;
  intendedUse: string;
  billingAddress?: Address;
  customer?: Customer;
}

const ADDRESS_FIELDS: readonly (keyof Address)[] = [
  'title',
  'givenName',
  'familyName',
  'organizationName',
  'attention',
  'email',
  'phone',
  'streetAddress',
  'streetAddress2',
  'postalCode',
  'city',
  'region',
  'country',
];
const CUSTOMER_FIELDS: readonly (keyof Customer)[] = [
  'type',
  'title',
  'gender',
  'dateOfBirth',
  'lastFourSsn',
  'nationalIdentificationNumber',
  'organizationEntityType',
  'organizationRegistrationId',
  'vatId',
];
const REQUEST_FIELDS: readonly (keyof CustomerTokenRequestInput)[] = [
  'authorizationToken',
  'purchaseCountry',
  'purchaseCurrency',
  'locale',
  'description',
  'intendedUse',
  'billingAddress',
  'customer',
];
const MAX_AUTHORIZATION_TOKEN_LENGTH = 1024;

/**
 * A provider-independent request to turn a fresh authorization into a customer token. Constructed only
 * through {@link CustomerTokenRequest.create}, which enforces what must hold whatever the transport.
 */
export class CustomerTokenRequest {
  private constructor(
    readonly authorizationToken: Secret,
    readonly purchaseCountry: CountryCode,
    readonly purchaseCurrency: CurrencyCode,
    readonly locale: Locale,
    readonly description: string,
    readonly intendedUse: IntendedUse,
    readonly billingAddress?: Readonly<Address>,
    readonly customer?: Readonly<Customer>,
  ) {}

  /**
   * Validates every field, unknown fields included, and throws one ValidationError listing every invalid
   * field once. Safe on untrusted input of any shape (e.g. a parsed JSON body): nothing is assumed of its type.
   */
  static create(input: CustomerTokenRequestInput): CustomerTokenRequest {
    const errors = new FieldErrors();
    const raw = (isPlainObject(input) ? input : {}) as Partial<CustomerTokenRequestInput>;
    const authorizationToken = parseAuthorizationToken(raw.authorizationToken, errors);
    const purchaseCountry = required(
      errors,
      'purchaseCountry',
      raw.purchaseCountry,
      parseCountryCode,
      'must be an ISO 3166-1 alpha-2 country code',
    );
    const purchaseCurrency = required(
      errors,
      'purchaseCurrency',
      raw.purchaseCurrency,
      parseCurrencyCode,
      'must be an ISO 4217 currency code',
    );
    const locale = required(errors, 'locale', raw.locale, parseLocale, 'must be a language and country such as en-GB');
    const description = errors.requiredString('description', raw.description, 255);
    if (isMissing(raw.intendedUse)) errors.add('intendedUse', REQUIRED_MESSAGE);
    else if (!INTENDED_USES.includes(raw.intendedUse as IntendedUse)) {
      errors.add('intendedUse', `must be one of ${INTENDED_USES.join(', ')}`);
    }
    const billingAddress = parseAddress(raw.billingAddress, errors);
    const customer = parseCustomer(raw.customer, errors);
    rejectUnknown(raw as Record<string, unknown>, REQUEST_FIELDS, '', errors);
    checkBillingCountry(errors, purchaseCountry, raw.billingAddress);
    errors.throwIfAny();
    return new CustomerTokenRequest(
      // throwIfAny returned, so every required field parsed.
      authorizationToken as Secret,
      purchaseCountry as CountryCode,
      purchaseCurrency as CurrencyCode,
      locale as Locale,
      description as string,
      raw.intendedUse as IntendedUse,
      billingAddress,
      customer,
    );
  }

  /**
   * A stable text of everything the request asks for (the authorization token as a hash input, never
   * printed): two requests with the same fingerprint are the same request, for idempotency.
   */
  fingerprintSource(): string {
    return canonicalJson({
      authorizationToken: this.authorizationToken.reveal(),
      purchaseCountry: this.purchaseCountry,
      purchaseCurrency: this.purchaseCurrency,
      locale: this.locale,
      description: this.description,
      intendedUse: this.intendedUse,
      billingAddress: this.billingAddress,
      customer: this.customer,
    });
  }
}

function required<T>(
  errors: FieldErrors,
  field: string,
  value: unknown,
  parse: (v: unknown) => T | undefined,
  message: string,
): T | undefined {
  if (isMissing(value)) {
    errors.add(field, REQUIRED_MESSAGE);
    return undefined;
  }
  const parsed = parse(value);
  if (parsed === undefined) errors.add(field, message);
  return parsed;
}

function parseAuthorizationToken(value: unknown, errors: FieldErrors): Secret | undefined {
  const text = value instanceof Secret ? value.reveal() : value;
  if (isMissing(text)) {
    errors.add('authorizationToken', REQUIRED_MESSAGE);
    return undefined;
  }
  if (typeof text !== 'string') {
    errors.add('authorizationToken', 'must be a string');
    return undefined;
  }
  // It becomes a URL path segment at the provider: printable ASCII only, no slashes or spaces, and
  // not "." or "..", which URL resolution would turn into a different path.
  if (text.length > MAX_AUTHORIZATION_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(text) || text.includes('/') || /^\.{1,2}$/.test(text)) {
    errors.add('authorizationToken', 'must be the opaque token the provider issued (printable characters, no "/")');
    return undefined;
  }
  return Secret.of(text);
}

function parseAddress(value: unknown, errors: FieldErrors): Address | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    errors.add('billingAddress', 'must be an object');
    return undefined;
  }
  const address: Address = {};
  for (const field of ADDRESS_FIELDS) {
    const text = errors.optionalString(`billingAddress.${field}`, value[field], 255);
    if (text !== undefined) address[field] = text;
  }
  rejectUnknown(value, ADDRESS_FIELDS, 'billingAddress', errors);
  if (address.country !== undefined) {
    const country = parseCountryCode(address.country);
    if (country) address.country = country;
    else errors.add('billingAddress.country', 'must be an ISO 3166-1 alpha-2 country code');
  }
  if (address.email !== undefined && address.email !== '' && !/^[^\s@]+@[^\s@]+$/.test(address.email)) {
    errors.add('billingAddress.email', 'must be an email address');
  }
  return address;
}

function parseCustomer(value: unknown, errors: FieldErrors): Customer | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    errors.add('customer', 'must be an object');
    return undefined;
  }
  const customer: Customer = {};
  for (const field of CUSTOMER_FIELDS) {
    const text = errors.optionalString(`customer.${field}`, value[field], 255);
    if (text !== undefined) (customer as Record<string, string>)[field] = text;
  }
  rejectUnknown(value, CUSTOMER_FIELDS, 'customer', errors);
  if (customer.type !== undefined && customer.type !== 'person' && customer.type !== 'organization') {
    errors.add('customer.type', 'must be person or organization');
  }
  if (customer.dateOfBirth !== undefined && !isCalendarDate(customer.dateOfBirth)) {
    errors.add('customer.dateOfBirth', 'must be a date in the form YYYY-MM-DD');
  }
  if (customer.lastFourSsn !== undefined && !/^([0-9]{4}|[0-9]{9})$/.test(customer.lastFourSsn)) {
    errors.add('customer.lastFourSsn', 'must be 4 or 9 digits');
  }
  if (
    customer.organizationEntityType !== undefined &&
    !ORGANIZATION_ENTITY_TYPES.includes(customer.organizationEntityType as OrganizationEntityType)
  ) {
    errors.add('customer.organizationEntityType', `must be one of ${ORGANIZATION_ENTITY_TYPES.join(', ')}`);
  }
  return customer;
}

function rejectUnknown(value: Record<string, unknown>, known: readonly string[], prefix: string, errors: FieldErrors): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) errors.add(prefix ? `${prefix}.${key}` : key, 'is not a known field');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `YYYY-MM-DD` naming a day that exists (no 2023-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
