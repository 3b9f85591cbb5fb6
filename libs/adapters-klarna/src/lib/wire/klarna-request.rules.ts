// The constraints the Klarna OpenAPI documents state for the request bodies, checked on the wire
// (snake_case) form. One table serves both sides: the adapter refuses an invalid request before it
// leaves the process, and the simulator answers it with 400 BAD_VALUE as Klarna would.
// The two enums are Klarna's own lists, which the domain adopted as its vocabulary: one copy, the domain's.
import { INTENDED_USES, isCalendarDate, ORGANIZATION_ENTITY_TYPES } from '@paytokens/domain';
import { isObject } from './wire-values';

/** One broken constraint: a dotted snake_case path (`billing_address.postal_code`) and what is wrong. */
export interface WireFieldError {
  path: string;
  message: string;
}

const COUNTRY = /^[A-Za-z]{2,2}$/;
const CURRENCY = /^[A-Za-z]{3,3}$/;
const LOCALE = /^[A-Za-z]{2,2}(?:-[A-Za-z]{2,2})*$/;
const LAST_FOUR_SSN = /^([0-9]{4}|[0-9]{9})$/;
const CUSTOMER_TYPE = /^(person|organization)$/;

/** `address` maxLength per property (Payments API); `country` has a pattern instead. */
const ADDRESS_MAX_LENGTH: Record<string, number> = {
  attention: 99,
  city: 99,
  email: 99,
  family_name: 99,
  given_name: 99,
  organization_name: 99,
  phone: 99,
  postal_code: 10,
  region: 99,
  street_address: 99,
  street_address2: 99,
  title: 20,
};

const CUSTOMER_STRINGS = [
  'date_of_birth',
  'gender',
  'last_four_ssn',
  'national_identification_number',
  'organization_entity_type',
  'organization_registration_id',
  'title',
  'type',
  'vat_id',
];

/** Checks a `customer_token_creation_request` body; an empty list means it is valid. */
export function checkCustomerTokenCreationRequest(body: unknown): WireFieldError[] {
  const errors: WireFieldError[] = [];
  if (!isObject(body)) return [{ path: '(body)', message: 'must be a JSON object' }];

  for (const name of ['description', 'intended_use', 'locale', 'purchase_country', 'purchase_currency']) {
    if (body[name] === undefined) errors.push({ path: name, message: 'is required' });
  }
  checkString(errors, 'description', body['description'], { min: 1, max: 255 });
  checkEnum(errors, 'intended_use', body['intended_use'], INTENDED_USES);
  checkString(errors, 'locale', body['locale'], { pattern: LOCALE, patternText: 'a language and country such as en-GB' });
  checkString(errors, 'purchase_country', body['purchase_country'], { pattern: COUNTRY, patternText: 'a two-letter country code' });
  checkString(errors, 'purchase_currency', body['purchase_currency'], { pattern: CURRENCY, patternText: 'a three-letter currency code' });

  const address = body['billing_address'];
  if (address !== undefined) {
    if (!isObject(address)) errors.push({ path: 'billing_address', message: 'must be an object' });
    else {
      for (const [name, max] of Object.entries(ADDRESS_MAX_LENGTH)) {
        checkString(errors, `billing_address.${name}`, address[name], { max });
      }
      checkString(errors, 'billing_address.country', address['country'], { pattern: COUNTRY, patternText: 'a two-letter country code' });
    }
  }

  const customer = body['customer'];
  if (customer !== undefined) {
    if (!isObject(customer)) errors.push({ path: 'customer', message: 'must be an object' });
    else checkCustomer(errors, customer);
  }
  return errors;
}

/** Checks a `customer_token_status_update_request` body. */
export function checkStatusUpdateRequest(body: unknown): WireFieldError[] {
  if (!isObject(body)) return [{ path: '(body)', message: 'must be a JSON object' }];
  if (body['status'] === undefined) return [{ path: 'status', message: 'is required' }];
  const errors: WireFieldError[] = [];
  checkEnum(errors, 'status', body['status'], ['CANCELLED']);
  return errors;
}

function checkCustomer(errors: WireFieldError[], customer: Record<string, unknown>): void {
  const before = errors.length;
  for (const name of CUSTOMER_STRINGS) checkString(errors, `customer.${name}`, customer[name], {});
  if (errors.length > before) return;
  const dateOfBirth = customer['date_of_birth'];
  // The document gives the format only in prose ("The format is 'yyyy-mm-dd'"): enforced as a real calendar day.
  if (typeof dateOfBirth === 'string' && !isCalendarDate(dateOfBirth)) {
    errors.push({ path: 'customer.date_of_birth', message: 'must be a date in the form YYYY-MM-DD' });
  }
  checkString(errors, 'customer.last_four_ssn', customer['last_four_ssn'], { pattern: LAST_FOUR_SSN, patternText: '4 or 9 digits' });
  checkString(errors, 'customer.type', customer['type'], { pattern: CUSTOMER_TYPE, patternText: 'person or organization' });
  checkEnum(errors, 'customer.organization_entity_type', customer['organization_entity_type'], ORGANIZATION_ENTITY_TYPES);
}

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  patternText?: string;
}

function checkString(errors: WireFieldError[], path: string, value: unknown, rule: StringRule): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    errors.push({ path, message: 'must be a string' });
    return;
  }
  // JSON Schema counts characters (code points), not UTF-16 units.
  const length = [...value].length;
  if (rule.min !== undefined && length < rule.min) errors.push({ path, message: `must be at least ${rule.min} characters` });
  if (rule.max !== undefined && length > rule.max) errors.push({ path, message: `must be at most ${rule.max} characters` });
  if (rule.pattern && !rule.pattern.test(value)) errors.push({ path, message: `must be ${rule.patternText}` });
}

function checkEnum(errors: WireFieldError[], path: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) errors.push({ path, message: `must be one of ${allowed.join(', ')}` });
}

/** `billing_address.street_address2` -> `billingAddress.streetAddress2`: the domain's name for a wire path. */
export function toDomainFieldPath(wirePath: string): string {
  return wirePath.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}
