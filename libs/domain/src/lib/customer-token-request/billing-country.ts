import { parseCountryCode } from '../value-objects/country-code';
import type { FieldErrors } from '../value-objects/field-errors';
import type { Address } from './party';

/** Records an error when the billing address names another country than the purchase (Klarna: 400 "Bad value: purchase_country"). */
export function checkBillingCountry(errors: FieldErrors, purchaseCountry: string | undefined, billingAddress: unknown): void {
  // Read from the raw input, so the check runs even when another address field is invalid.
  const billingCountry = parseCountryCode((billingAddress as Address | undefined)?.country);
  if (purchaseCountry !== undefined && billingCountry !== undefined && billingCountry !== purchaseCountry) {
    errors.add('billingAddress.country', `must be the purchase country (${purchaseCountry})`);
  }
}
