import { CustomerTokenRequest } from '../customer-token-request/customer-token-request';
import type { Address, Customer } from '../customer-token-request/party';
import { ValidationError } from '../errors/errors';
import type { FieldErrors } from '../value-objects/field-errors';

// Placeholders for the fields CustomerTokenRequest requires besides the party: only its billingAddress and
// customer rules are wanted here, so that an address is checked by exactly one copy of those rules.
const PLACEHOLDERS = {
  authorizationToken: 'placeholder',
  purchaseCountry: 'GB',
  purchaseCurrency: 'GBP',
  locale: 'en-GB',
  description: 'x',
  intendedUse: 'SUBSCRIPTION',
};

/** Parses a billing address and customer with the customer-token rules, recording their errors under the same field paths. */
export function parseParty(
  errors: FieldErrors,
  billingAddress: unknown,
  customer: unknown,
): { billingAddress?: Address; customer?: Customer } {
  if (billingAddress === undefined && customer === undefined) return {};
  try {
    const parsed = CustomerTokenRequest.create(
      Object.assign({}, PLACEHOLDERS, { billingAddress: billingAddress as Address, customer: customer as Customer }),
    );
    return { billingAddress: parsed.billingAddress, customer: parsed.customer };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const problem of error.errors) errors.add(problem.field, problem.message);
    return {};
  }
}
