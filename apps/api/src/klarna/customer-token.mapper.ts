import type { CustomerToken } from '@paytokens/domain';
import type { CreatedCustomerTokenResponse, CustomerTokenResponse } from './dto/customer-token.responses';

/** The 201 body of a created (or replayed) token, naming the account that issued it. */
export function toCreatedResponse(token: CustomerToken, account: string): CreatedCustomerTokenResponse {
  return definedOnly({
    account,
    tokenId: token.tokenId,
    redirectUrl: token.redirectUrl,
    paymentMethodReference: token.paymentMethodReference,
    billingAddress: token.billingAddress,
    customer: token.customer,
  }) as CreatedCustomerTokenResponse;
}

/** The 200 body of a read token, naming the account it was read from. */
export function toTokenResponse(token: CustomerToken, account: string): CustomerTokenResponse {
  return definedOnly({
    account,
    tokenId: token.tokenId,
    status: token.status,
    paymentMethodType: token.paymentMethodType,
    card: token.card,
    directDebit: token.directDebit,
  }) as CustomerTokenResponse;
}

/** The record without its undefined fields: answers never carry `"x": null` for an absent value. */
export function definedOnly<T extends object>(record: T): Partial<T> {
  // A plain loop: entries, filter and fromEntries cost 1-1.4 % of the create route's CPU (issue 19).
  const result: Partial<T> = {};
  for (const key of Object.keys(record) as (keyof T)[]) if (record[key] !== undefined) result[key] = record[key];
  return result;
}
