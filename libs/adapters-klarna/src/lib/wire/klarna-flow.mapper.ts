import {
  PaymentSession,
  TokenOrder,
  type AuthorizedPaymentMethod,
  type OrderLine,
  type PaymentMethodCategory,
  type PaymentSessionRequest,
  type TokenChargeRequest,
} from '@paytokens/domain';
import {
  ORDER_LINE_FIELD_NAMES,
  type KlarnaCustomerTokenOrder,
  type KlarnaOrderLine,
  type KlarnaPaymentMethodCategory,
  type KlarnaSessionCreateRequest,
} from './klarna-flow-wire.types';
import { ADDRESS_FIELD_NAMES, CUSTOMER_FIELD_NAMES } from './klarna-wire.types';
import { isObject, isNonEmptyString, stringOrUndefined, numberOrUndefined } from './wire-values';

type NamePairs = readonly (readonly [string, string])[];

/** The domain session request as Klarna's `session_create`. */
export function toSessionCreateBody(request: PaymentSessionRequest): KlarnaSessionCreateRequest {
  const body: KlarnaSessionCreateRequest = {
    intent: request.intent,
    purchase_country: request.purchaseCountry,
    purchase_currency: request.purchaseCurrency,
    locale: request.locale,
    order_amount: request.orderAmount,
    order_lines: request.orderLines.map(toOrderLine),
  };
  if (request.orderTaxAmount !== undefined) body.order_tax_amount = request.orderTaxAmount;
  if (request.merchantUrls) body.merchant_urls = { ...request.merchantUrls };
  if (request.merchantReference1 !== undefined) body.merchant_reference1 = request.merchantReference1;
  if (request.merchantReference2 !== undefined) body.merchant_reference2 = request.merchantReference2;
  if (request.billingAddress) body.billing_address = renamed(request.billingAddress, ADDRESS_FIELD_NAMES, 0, 1);
  if (request.customer) body.customer = renamed(request.customer, CUSTOMER_FIELD_NAMES, 0, 1);
  return body;
}

/** The domain charge as Klarna's `customer_token_order` (the token goes in the path). */
export function toTokenOrderBody(request: TokenChargeRequest): KlarnaCustomerTokenOrder {
  const body: KlarnaCustomerTokenOrder = {
    purchase_currency: request.purchaseCurrency,
    order_amount: request.orderAmount,
    order_tax_amount: request.orderTaxAmount,
    order_lines: request.orderLines.map(toOrderLine),
    auto_capture: request.autoCapture,
  };
  if (request.merchantReference1 !== undefined) body.merchant_reference1 = request.merchantReference1;
  if (request.merchantReference2 !== undefined) body.merchant_reference2 = request.merchantReference2;
  if (request.merchantData !== undefined) body.merchant_data = request.merchantData;
  if (request.merchantUrls) body.merchant_urls = { ...request.merchantUrls };
  return body;
}

/** The session from a 200 `merchant_session`; `undefined` when the body is not one. */
export function fromMerchantSession(body: unknown): PaymentSession | undefined {
  if (!isObject(body) || !isNonEmptyString(body['session_id']) || typeof body['client_token'] !== 'string') return undefined;
  return new PaymentSession({
    sessionId: body['session_id'],
    clientToken: body['client_token'],
    paymentMethodCategories: categories(body['payment_method_categories']),
  });
}

/** The session from a 200 `session_read` (its id comes from the path); `undefined` when the body is not an object. */
export function fromSessionRead(sessionId: string, body: unknown): PaymentSession | undefined {
  if (!isObject(body)) return undefined;
  const props = {
    sessionId,
    clientToken: stringOrUndefined(body['client_token']),
    paymentMethodCategories: categories(body['payment_method_categories']),
    status: stringOrUndefined(body['status']),
    intent: stringOrUndefined(body['intent']),
    purchaseCountry: stringOrUndefined(body['purchase_country']),
    purchaseCurrency: stringOrUndefined(body['purchase_currency']),
    locale: stringOrUndefined(body['locale']),
    orderAmount: numberOrUndefined(body['order_amount']),
    orderTaxAmount: numberOrUndefined(body['order_tax_amount']),
    expiresAt: stringOrUndefined(body['expires_at']),
  };
  return new PaymentSession(Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as unknown as typeof props);
}

/** The order from a 200 `order`; `undefined` when the body is not one (no `order_id`). */
export function fromOrder(body: unknown): TokenOrder | undefined {
  if (!isObject(body) || !isNonEmptyString(body['order_id'])) return undefined;
  const method = body['authorized_payment_method'];
  return new TokenOrder({
    orderId: body['order_id'],
    fraudStatus: stringOrUndefined(body['fraud_status']) ?? 'UNKNOWN',
    redirectUrl: isNonEmptyString(body['redirect_url']) ? body['redirect_url'] : undefined,
    authorizedPaymentMethod: isObject(method) && isNonEmptyString(method['type']) ? paymentMethod(method['type'], method) : undefined,
  });
}

function paymentMethod(type: string, method: Record<string, unknown>): AuthorizedPaymentMethod {
  const result: AuthorizedPaymentMethod = { type };
  const numberOfDays = numberOrUndefined(method['number_of_days']);
  const numberOfInstallments = numberOrUndefined(method['number_of_installments']);
  if (numberOfDays !== undefined) result.numberOfDays = numberOfDays;
  if (numberOfInstallments !== undefined) result.numberOfInstallments = numberOfInstallments;
  return result;
}

function toOrderLine(line: OrderLine): KlarnaOrderLine {
  return renamed(line, ORDER_LINE_FIELD_NAMES, 0, 1);
}

function categories(value: unknown): PaymentMethodCategory[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((c): c is KlarnaPaymentMethodCategory & { identifier: string } => isObject(c) && isNonEmptyString(c['identifier']))
    .map((c) => {
      const category: PaymentMethodCategory = { identifier: c.identifier };
      if (typeof c.name === 'string') category.name = c.name;
      if (isObject(c.asset_urls)) category.assetUrls = { ...c.asset_urls };
      return category;
    });
}

/** Copies the named fields from one naming to the other, skipping undefined ones. */
function renamed<T>(source: object, pairs: NamePairs, from: 0 | 1, to: 0 | 1): T {
  const record = source as Record<string, unknown>;
  const target: Record<string, unknown> = {};
  for (const pair of pairs) if (record[pair[from]] !== undefined) target[pair[to]] = record[pair[from]];
  return target as T;
}
