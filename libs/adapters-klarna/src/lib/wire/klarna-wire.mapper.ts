import {
  CustomerToken,
  CustomerTokenStatus,
  type Address,
  type CardDetails,
  type Customer,
  type CustomerTokenProps,
  type CustomerTokenRequest,
  type DirectDebitDetails,
} from '@paytokens/domain';
import {
  ADDRESS_FIELD_NAMES,
  CUSTOMER_FIELD_NAMES,
  type KlarnaAddress,
  type KlarnaCustomer,
  type KlarnaCustomerToken,
  type KlarnaCustomerTokenCreationRequest,
  type KlarnaCustomerTokenCreationResponse,
} from './klarna-wire.types';
import { isObject, isNonEmptyString, stringOrUndefined } from './wire-values';

/** The domain request as Klarna's `customer_token_creation_request` (the authorization token goes in the path, not here). */
export function toCreationRequestBody(request: CustomerTokenRequest): KlarnaCustomerTokenCreationRequest {
  const body: KlarnaCustomerTokenCreationRequest = {
    purchase_country: request.purchaseCountry,
    purchase_currency: request.purchaseCurrency,
    locale: request.locale,
    description: request.description,
    intended_use: request.intendedUse,
  };
  // A non-object is passed through as is, for the request rules to refuse.
  const { billingAddress, customer } = request;
  if (billingAddress !== undefined) {
    body.billing_address = isObject(billingAddress)
      ? renameKeys(billingAddress, ADDRESS_FIELD_NAMES, 0, 1, false)
      : (billingAddress as KlarnaAddress);
  }
  if (customer !== undefined) {
    body.customer = isObject(customer) ? renameKeys(customer, CUSTOMER_FIELD_NAMES, 0, 1, false) : (customer as KlarnaCustomer);
  }
  return body;
}

/**
 * The domain token from a 200 `customer_token_creation_response`; `undefined` when the body is not one
 * (no `token_id`). A fresh token is ACTIVE: Klarna only answers 200 once the token exists.
 */
export function fromCreationResponse(body: unknown): CustomerToken | undefined {
  if (!isObject(body) || !isNonEmptyString(body['token_id'])) return undefined;
  const wire = body as unknown as KlarnaCustomerTokenCreationResponse;
  const customer: Customer = {};
  if (isObject(wire.customer)) {
    if (typeof wire.customer.date_of_birth === 'string') customer.dateOfBirth = wire.customer.date_of_birth;
    if (typeof wire.customer.gender === 'string') customer.gender = wire.customer.gender;
  }
  return new CustomerToken(
    withoutUndefined({
      tokenId: wire.token_id,
      status: CustomerTokenStatus.Active,
      redirectUrl: stringOrUndefined(wire.redirect_url),
      paymentMethodReference: stringOrUndefined(wire.payment_method_reference),
      billingAddress: isObject(wire.billing_address)
        ? renameKeys(wire.billing_address as Record<string, unknown>, ADDRESS_FIELD_NAMES, 1, 0, true)
        : undefined,
      customer: Object.keys(customer).length > 0 ? customer : undefined,
    }),
  );
}

/** The domain token from a 200 `customer_token`; `undefined` when the body lacks `status` or `payment_method_type`. */
export function fromCustomerTokenResponse(tokenId: string, body: unknown): CustomerToken | undefined {
  if (!isObject(body) || !isNonEmptyString(body['status']) || !isNonEmptyString(body['payment_method_type'])) return undefined;
  const wire = body as unknown as KlarnaCustomerToken;
  let card: CardDetails | undefined;
  if (isObject(wire.card)) {
    card = {
      brand: String(wire.card.brand ?? ''),
      expiryDate: String(wire.card.expiry_date ?? ''),
      maskedNumber: String(wire.card.masked_number ?? ''),
    };
  }
  let directDebit: DirectDebitDetails | undefined;
  if (isObject(wire.direct_debit)) directDebit = { maskedNumber: String(wire.direct_debit.masked_number ?? '') };
  return new CustomerToken(
    withoutUndefined({ tokenId, status: wire.status, paymentMethodType: wire.payment_method_type, card, directDebit }),
  );
}

type NamePairs = readonly (readonly [string, string])[];

/**
 * Copies the fields named in `pairs` from one naming (column `from`) to the other (column `to`) and drops
 * unknown ones. Outgoing, every defined value is copied so that the request rules see (and refuse) a
 * non-string; incoming, only strings are kept.
 */
function renameKeys<T extends Address | Customer | KlarnaAddress | KlarnaCustomer>(
  source: Readonly<Record<string, unknown>> | Readonly<Address> | Readonly<Customer>,
  pairs: NamePairs,
  from: 0 | 1,
  to: 0 | 1,
  onlyStrings: boolean,
): T {
  const target: Record<string, unknown> = {};
  const record = source as Record<string, unknown>;
  for (const pair of pairs) {
    const value = record[pair[from]];
    if (value === undefined || (onlyStrings && typeof value !== 'string')) continue;
    target[pair[to]] = value;
  }
  return target as T;
}

/** Props without the keys whose value is undefined, so the token prints only what Klarna said. */
function withoutUndefined(props: CustomerTokenProps): CustomerTokenProps {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as unknown as CustomerTokenProps;
}
