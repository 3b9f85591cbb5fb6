import { parseMerchantUrls, type MerchantUrls } from '../order/merchant-urls';
import { integerField, parseOrderLines, type OrderLine } from '../order/order-lines';
import { requiredCode } from '../payment-session/payment-session-request';
import { parseCurrencyCode, type CurrencyCode } from '../value-objects/currency-code';
import { FieldErrors } from '../value-objects/field-errors';
import { isTokenId } from '../use-cases/token-id';

/** The unvalidated shape callers hand in to charge a customer token. Amounts in minor units. */
export interface TokenChargeRequestInput {
  tokenId: string;
  purchaseCurrency: string;
  orderAmount: number;
  orderTaxAmount: number;
  orderLines: unknown[];
  merchantReference1?: string;
  merchantReference2?: string;
  merchantData?: string;
  /** Capture at once (the default false leaves the order to be captured on shipping). */
  autoCapture?: boolean;
  merchantUrls?: MerchantUrls;
}

const KNOWN_FIELDS = new Set<string>([
  'tokenId',
  'purchaseCurrency',
  'orderAmount',
  'orderTaxAmount',
  'orderLines',
  'merchantReference1',
  'merchantReference2',
  'merchantData',
  'autoCapture',
  'merchantUrls',
]);
// Customer Token API `order_line`: amounts up to 100000000, merchant_data up to 255 characters.
const ORDER_LINE_LIMITS = { maxAmount: 100_000_000, maxMerchantData: 255 };

/** A request to charge a customer token once (Klarna's Customer Token API createOrder). */
export class TokenChargeRequest {
  private constructor(
    readonly tokenId: string,
    readonly purchaseCurrency: CurrencyCode,
    readonly orderAmount: number,
    readonly orderTaxAmount: number,
    readonly orderLines: readonly OrderLine[],
    readonly autoCapture: boolean,
    readonly merchantReference1?: string,
    readonly merchantReference2?: string,
    readonly merchantData?: string,
    readonly merchantUrls?: Readonly<MerchantUrls>,
  ) {}

  /** Validates every field and throws one ValidationError listing all problems. */
  static create(input: TokenChargeRequestInput): TokenChargeRequest {
    const errors = new FieldErrors();
    const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    for (const key of Object.keys(raw)) if (!KNOWN_FIELDS.has(key)) errors.add(key, 'is not a known field');
    if (!isTokenId(raw['tokenId'])) errors.add('tokenId', 'must be 1 to 255 letters, digits, ".", "_", "~" or "-"');
    const currency = requiredCode(
      errors,
      'purchaseCurrency',
      raw['purchaseCurrency'],
      parseCurrencyCode,
      'must be an ISO 4217 currency code',
    );
    for (const key of ['orderAmount', 'orderTaxAmount']) if (raw[key] === undefined) errors.add(key, 'is required');
    const orderAmount = integerField(errors, 'orderAmount', raw['orderAmount'], 1);
    const orderTaxAmount = integerField(errors, 'orderTaxAmount', raw['orderTaxAmount'], 0);
    const orderLines = parseOrderLines(errors, raw['orderLines'], { orderAmount, orderTaxAmount }, ORDER_LINE_LIMITS);
    const merchantReference1 = errors.optionalString('merchantReference1', raw['merchantReference1'], 255);
    const merchantReference2 = errors.optionalString('merchantReference2', raw['merchantReference2'], 255);
    const merchantData = errors.optionalString('merchantData', raw['merchantData'], 6000);
    if (raw['autoCapture'] !== undefined && typeof raw['autoCapture'] !== 'boolean') errors.add('autoCapture', 'must be true or false');
    const merchantUrls = parseMerchantUrls(errors, raw['merchantUrls'], ['confirmation', 'push']);
    // The Customer Token API requires `confirmation` whenever merchant_urls is sent.
    if (merchantUrls && raw['merchantUrls'] && (raw['merchantUrls'] as MerchantUrls).confirmation === undefined) {
      errors.add('merchantUrls.confirmation', 'is required when merchantUrls is given');
    }
    errors.throwIfAny();
    return new TokenChargeRequest(
      // throwIfAny returned, so every required field parsed.
      raw['tokenId'] as string,
      currency as CurrencyCode,
      orderAmount as number,
      orderTaxAmount as number,
      orderLines as OrderLine[],
      raw['autoCapture'] === true,
      merchantReference1,
      merchantReference2,
      merchantData,
      merchantUrls,
    );
  }

  /**
   * A stable text of everything the request asks for: equal fingerprints mean the same charge. It is
   * `canonicalJson(this)` (keys sorted at every level, stored fingerprints stay valid across versions), written by
   * JSON.stringify from copies whose keys are already in that order: the generic writer's sorting, concatenation and
   * property lookups were the largest part of the charge's own work (tools/bench/FINDINGS.md, seventh pass).
   */
  fingerprintSource(): string {
    return JSON.stringify(sortedCharge(this));
  }
}

// Every field of `T`, none optional: a literal of this type that leaves one out does not compile, so a field added
// to the request, a line or the URLs cannot be left out of the fingerprint. The literals below list them sorted.
type EveryField<T> = { [K in keyof Required<T>]: unknown };

function sortedCharge(charge: TokenChargeRequest): EveryField<TokenChargeRequestInput> {
  return {
    autoCapture: charge.autoCapture,
    merchantData: charge.merchantData,
    merchantReference1: charge.merchantReference1,
    merchantReference2: charge.merchantReference2,
    merchantUrls: charge.merchantUrls === undefined ? undefined : sortedUrls(charge.merchantUrls),
    orderAmount: charge.orderAmount,
    orderLines: charge.orderLines.map(sortedLine),
    orderTaxAmount: charge.orderTaxAmount,
    purchaseCurrency: charge.purchaseCurrency,
    tokenId: charge.tokenId,
  };
}

function sortedLine(line: OrderLine): EveryField<OrderLine> {
  return {
    imageUrl: line.imageUrl,
    merchantData: line.merchantData,
    name: line.name,
    productUrl: line.productUrl,
    quantity: line.quantity,
    quantityUnit: line.quantityUnit,
    reference: line.reference,
    taxRate: line.taxRate,
    totalAmount: line.totalAmount,
    totalDiscountAmount: line.totalDiscountAmount,
    totalTaxAmount: line.totalTaxAmount,
    type: line.type,
    unitPrice: line.unitPrice,
  };
}

function sortedUrls(urls: Readonly<MerchantUrls>): EveryField<MerchantUrls> {
  return { authorization: urls.authorization, confirmation: urls.confirmation, notification: urls.notification, push: urls.push };
}
