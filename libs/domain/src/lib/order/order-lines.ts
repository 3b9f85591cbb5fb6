import type { FieldErrors } from '../value-objects/field-errors';

/** Kinds of order line Klarna knows (Customer Token API `order_line.type`). */
export const ORDER_LINE_TYPES = [
  'physical',
  'discount',
  'shipping_fee',
  'sales_tax',
  'digital',
  'gift_card',
  'store_credit',
  'surcharge',
] as const;
/** One of {@link ORDER_LINE_TYPES}. */
export type OrderLineType = (typeof ORDER_LINE_TYPES)[number];

/** One line of an order. Amounts are integers in minor units (pence, cents); `taxRate` in hundredths of a percent (2500 = 25%). */
export interface OrderLine {
  type?: OrderLineType;
  reference?: string;
  name: string;
  quantity: number;
  quantityUnit?: string;
  unitPrice: number;
  taxRate?: number;
  totalAmount: number;
  totalDiscountAmount?: number;
  totalTaxAmount?: number;
  productUrl?: string;
  imageUrl?: string;
  merchantData?: string;
}

/** Limits that differ between Klarna's APIs (Payments API sessions vs Customer Token API orders). */
export interface OrderLineLimits {
  /** Largest `unit_price` / `total_amount` in minor units. */
  maxAmount: number;
  /** Longest `merchant_data` of a line. */
  maxMerchantData: number;
}

const MAX_LINES = 1000;
const KNOWN_FIELDS = new Set<string>([
  'type',
  'reference',
  'name',
  'quantity',
  'quantityUnit',
  'unitPrice',
  'taxRate',
  'totalAmount',
  'totalDiscountAmount',
  'totalTaxAmount',
  'productUrl',
  'imageUrl',
  'merchantData',
]);

/**
 * Parses the order lines and checks Klarna's arithmetic, recording every problem: each line's total is
 * quantity × unit price − discount, its tax is within ±1 of what its rate gives (the Payments API document's
 * rule), the totals add up to `orderAmount` and the line taxes to `orderTaxAmount`.
 */
export function parseOrderLines(
  errors: FieldErrors,
  value: unknown,
  totals: { orderAmount?: number; orderTaxAmount?: number },
  limits: OrderLineLimits,
): OrderLine[] | undefined {
  if (value === undefined) {
    errors.add('orderLines', 'is required');
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    errors.add('orderLines', `must be a list of 1 to ${MAX_LINES} order lines`);
    return undefined;
  }
  const lines = value.map((line, index) => parseLine(errors, `orderLines[${index}]`, line, limits));
  if (lines.some((line) => line === undefined)) return undefined;
  const parsed = lines as OrderLine[];
  const sum = parsed.reduce((total, line) => total + line.totalAmount, 0);
  if (totals.orderAmount !== undefined && sum !== totals.orderAmount) {
    errors.add('orderAmount', `must equal the sum of the order lines' totalAmount (${sum})`);
  }
  const taxSum = parsed.reduce((total, line) => total + (line.totalTaxAmount ?? 0), 0);
  if (totals.orderTaxAmount !== undefined && taxSum !== totals.orderTaxAmount) {
    errors.add('orderTaxAmount', `must equal the sum of the order lines' totalTaxAmount (${taxSum})`);
  }
  return parsed;
}

/** Records an error unless `value` is an integer in `min..max`; returns it when it is one. */
export function integerField(
  errors: FieldErrors,
  field: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    errors.add(field, `must be a whole number from ${min} to ${max} (minor units)`);
    return undefined;
  }
  return value;
}

function parseLine(errors: FieldErrors, path: string, value: unknown, limits: OrderLineLimits): OrderLine | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.add(path, 'must be an object');
    return undefined;
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!KNOWN_FIELDS.has(key)) errors.add(`${path}.${key}`, 'is not a known field');
  for (const key of ['name', 'quantity', 'unitPrice', 'totalAmount'])
    if (raw[key] === undefined) errors.add(`${path}.${key}`, 'is required');

  if (raw['type'] !== undefined && !ORDER_LINE_TYPES.includes(raw['type'] as OrderLineType)) {
    errors.add(`${path}.type`, `must be one of ${ORDER_LINE_TYPES.join(', ')}`);
  }
  const name = errors.requiredString(`${path}.name`, raw['name'], 255);
  const strings = {
    reference: errors.optionalString(`${path}.reference`, raw['reference'], 255),
    quantityUnit: errors.optionalString(`${path}.quantityUnit`, raw['quantityUnit'], 8, 1),
    productUrl: errors.optionalString(`${path}.productUrl`, raw['productUrl'], 1024),
    imageUrl: errors.optionalString(`${path}.imageUrl`, raw['imageUrl'], 1024),
    merchantData: errors.optionalString(`${path}.merchantData`, raw['merchantData'], limits.maxMerchantData),
  };
  const quantity = integerField(errors, `${path}.quantity`, raw['quantity'], 0);
  const unitPrice = integerField(errors, `${path}.unitPrice`, raw['unitPrice'], -limits.maxAmount, limits.maxAmount);
  const totalAmount = integerField(errors, `${path}.totalAmount`, raw['totalAmount'], -limits.maxAmount, limits.maxAmount);
  const totalDiscountAmount = integerField(errors, `${path}.totalDiscountAmount`, raw['totalDiscountAmount'], 0);
  const taxRate = integerField(errors, `${path}.taxRate`, raw['taxRate'], 0, 10_000);
  const totalTaxAmount = integerField(errors, `${path}.totalTaxAmount`, raw['totalTaxAmount'], Number.MIN_SAFE_INTEGER);

  if (name === undefined || quantity === undefined || unitPrice === undefined || totalAmount === undefined) return undefined;
  const expectedTotal = quantity * unitPrice - (totalDiscountAmount ?? 0);
  if (totalAmount !== expectedTotal) {
    errors.add(`${path}.totalAmount`, `must be quantity × unitPrice − totalDiscountAmount (${expectedTotal})`);
  }
  if (taxRate !== undefined && totalTaxAmount !== undefined) {
    const expectedTax = totalAmount - (totalAmount * 10_000) / (10_000 + taxRate);
    if (Math.abs(totalTaxAmount - expectedTax) > 1) {
      errors.add(
        `${path}.totalTaxAmount`,
        `must be within 1 of totalAmount − totalAmount × 10000 / (10000 + taxRate) (${Math.round(expectedTax)})`,
      );
    }
  }
  const line: OrderLine = { name, quantity, unitPrice, totalAmount };
  if (raw['type'] !== undefined) line.type = raw['type'] as OrderLineType;
  for (const [key, text] of Object.entries(strings)) if (text !== undefined) (line as unknown as Record<string, string>)[key] = text;
  if (totalDiscountAmount !== undefined) line.totalDiscountAmount = totalDiscountAmount;
  if (taxRate !== undefined) line.taxRate = taxRate;
  if (totalTaxAmount !== undefined) line.totalTaxAmount = totalTaxAmount;
  return line;
}
