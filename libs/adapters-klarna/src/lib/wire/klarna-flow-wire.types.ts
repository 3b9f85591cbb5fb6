// Klarna's JSON for the recurring flow's other operations, as the published documents define it (snake_case):
// createCreditSession / readCreditSession (Payments API) and createOrder (Customer Token API).
import type { KlarnaAddress, KlarnaCustomer } from './klarna-wire.types';

/** `order_line`. Amounts in minor units. */
export interface KlarnaOrderLine {
  type?: string;
  reference?: string;
  name: string;
  quantity: number;
  quantity_unit?: string;
  unit_price: number;
  tax_rate?: number;
  total_amount: number;
  total_discount_amount?: number;
  total_tax_amount?: number;
  product_url?: string;
  image_url?: string;
  merchant_data?: string;
}

/** `merchant_urls` (the Payments API accepts all four, the Customer Token API confirmation and push). */
export interface KlarnaMerchantUrls {
  confirmation?: string;
  notification?: string;
  push?: string;
  authorization?: string;
}

/** `session_create` (the fields this library sends). */
export interface KlarnaSessionCreateRequest {
  intent?: string;
  purchase_country: string;
  purchase_currency: string;
  locale?: string;
  order_amount: number;
  order_tax_amount?: number;
  order_lines: KlarnaOrderLine[];
  merchant_urls?: KlarnaMerchantUrls;
  merchant_reference1?: string;
  merchant_reference2?: string;
  billing_address?: KlarnaAddress;
  customer?: KlarnaCustomer;
}

/** `payment_method_category`. */
export interface KlarnaPaymentMethodCategory {
  identifier?: string;
  name?: string;
  asset_urls?: { descriptive?: string; standard?: string };
}

/** `merchant_session`: the 200 answer of createCreditSession. */
export interface KlarnaMerchantSession {
  session_id: string;
  client_token: string;
  payment_method_categories?: KlarnaPaymentMethodCategory[];
}

/** `session_read`: the 200 answer of readCreditSession (no session id: it is in the path). */
export interface KlarnaSessionRead extends Partial<Omit<KlarnaSessionCreateRequest, 'customer'>> {
  client_token?: string;
  status?: string;
  expires_at?: string;
  authorization_token?: string;
  payment_method_categories?: KlarnaPaymentMethodCategory[];
  customer?: { date_of_birth?: string; gender?: string };
}

/** `customer_token_order`: the body of createOrder. */
export interface KlarnaCustomerTokenOrder {
  purchase_currency: string;
  order_amount: number;
  order_tax_amount: number;
  order_lines: KlarnaOrderLine[];
  auto_capture?: boolean;
  merchant_reference1?: string;
  merchant_reference2?: string;
  merchant_data?: string;
  merchant_urls?: KlarnaMerchantUrls;
}

/** `authorized_payment_method`. */
export interface KlarnaAuthorizedPaymentMethod {
  type: string;
  number_of_days?: number;
  number_of_installments?: number;
}

/** `order`: the 200 answer of createOrder. */
export interface KlarnaOrder {
  order_id: string;
  fraud_status: string;
  redirect_url: string;
  authorized_payment_method?: KlarnaAuthorizedPaymentMethod;
}

/** Pairs of (domain camelCase, Klarna snake_case) names of `order_line`. */
export const ORDER_LINE_FIELD_NAMES = [
  ['type', 'type'],
  ['reference', 'reference'],
  ['name', 'name'],
  ['quantity', 'quantity'],
  ['quantityUnit', 'quantity_unit'],
  ['unitPrice', 'unit_price'],
  ['taxRate', 'tax_rate'],
  ['totalAmount', 'total_amount'],
  ['totalDiscountAmount', 'total_discount_amount'],
  ['totalTaxAmount', 'total_tax_amount'],
  ['productUrl', 'product_url'],
  ['imageUrl', 'image_url'],
  ['merchantData', 'merchant_data'],
] as const;
