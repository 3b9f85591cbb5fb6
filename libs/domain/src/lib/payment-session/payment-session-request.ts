import type { Address, Customer } from '../customer-token-request/party';
import { canonicalJson } from '../value-objects/canonical-json';
import { parseMerchantUrls, type MerchantUrls } from '../order/merchant-urls';
import { integerField, parseOrderLines, type OrderLine } from '../order/order-lines';
import { parseParty } from '../order/party-fields';
import { parseCountryCode, type CountryCode } from '../value-objects/country-code';
import { parseCurrencyCode, type CurrencyCode } from '../value-objects/currency-code';
import { FieldErrors } from '../value-objects/field-errors';
import { parseLocale, type Locale } from '../value-objects/locale';
import { checkBillingCountry } from '../customer-token-request/billing-country';
import { checkPurchaseMarket } from './purchase-markets';

/** What a payment session is for: a one-off purchase, a customer token, or both. */
export const SESSION_INTENTS = ['tokenize', 'buy_and_tokenize', 'buy'] as const;
/** One of {@link SESSION_INTENTS}. */
export type SessionIntent = (typeof SESSION_INTENTS)[number];

/** The unvalidated shape callers hand in (e.g. a parsed JSON body). Amounts in minor units. */
export interface PaymentSessionRequestInput {
  intent?: string;
  purchaseCountry: string;
  purchaseCurrency: string;
  locale: string;
  orderAmount: number;
  orderTaxAmount?: number;
  orderLines: unknown[];
  merchantUrls?: MerchantUrls;
  merchantReference1?: string;
  merchantReference2?: string;
  billingAddress?: Address;
  customer?: Customer;
}

const KNOWN_FIELDS = new Set<string>([
  'intent',
  'purchaseCountry',
  'purchaseCurrency',
  'locale',
  'orderAmount',
  'orderTaxAmount',
  'orderLines',
  'merchantUrls',
  'merchantReference1',
  'merchantReference2',
  'billingAddress',
  'customer',
]);
// Payments API `order_line`: amounts up to 200000000, merchant_data up to 1024 characters.
const SESSION_LINE_LIMITS = { maxAmount: 200_000_000, maxMerchantData: 1024 };

/**
 * A request to open a payment session (Klarna's createCreditSession), with every rule Klarna applies that can
 * be checked before the call. Constructed only through {@link PaymentSessionRequest.create}.
 */
export class PaymentSessionRequest {
  private constructor(
    readonly intent: SessionIntent,
    readonly purchaseCountry: CountryCode,
    readonly purchaseCurrency: CurrencyCode,
    readonly locale: Locale,
    readonly orderAmount: number,
    readonly orderTaxAmount: number | undefined,
    readonly orderLines: readonly OrderLine[],
    readonly merchantUrls?: Readonly<MerchantUrls>,
    readonly merchantReference1?: string,
    readonly merchantReference2?: string,
    readonly billingAddress?: Readonly<Address>,
    readonly customer?: Readonly<Customer>,
  ) {}

  /** Validates every field and throws one ValidationError listing all problems. */
  static create(input: PaymentSessionRequestInput): PaymentSessionRequest {
    const errors = new FieldErrors();
    const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    for (const key of Object.keys(raw)) if (!KNOWN_FIELDS.has(key)) errors.add(key, 'is not a known field');
    const intent = raw['intent'] ?? 'tokenize';
    if (!SESSION_INTENTS.includes(intent as SessionIntent)) errors.add('intent', `must be one of ${SESSION_INTENTS.join(', ')}`);
    const country = requiredCode(
      errors,
      'purchaseCountry',
      raw['purchaseCountry'],
      parseCountryCode,
      'must be an ISO 3166-1 alpha-2 country code',
    );
    const currency = requiredCode(
      errors,
      'purchaseCurrency',
      raw['purchaseCurrency'],
      parseCurrencyCode,
      'must be an ISO 4217 currency code',
    );
    const locale = requiredCode(errors, 'locale', raw['locale'], parseLocale, 'must be a language and country such as en-GB');
    checkPurchaseMarket(errors, country, currency, locale);
    if (raw['orderAmount'] === undefined) errors.add('orderAmount', 'is required');
    const orderAmount = integerField(errors, 'orderAmount', raw['orderAmount'], 0);
    const orderTaxAmount = integerField(errors, 'orderTaxAmount', raw['orderTaxAmount'], 0);
    const orderLines = parseOrderLines(errors, raw['orderLines'], { orderAmount, orderTaxAmount }, SESSION_LINE_LIMITS);
    const merchantUrls = parseMerchantUrls(errors, raw['merchantUrls'], ['confirmation', 'notification', 'push', 'authorization']);
    const merchantReference1 = errors.optionalString('merchantReference1', raw['merchantReference1'], 255);
    const merchantReference2 = errors.optionalString('merchantReference2', raw['merchantReference2'], 255);
    const party = parseParty(errors, raw['billingAddress'], raw['customer']);
    checkBillingCountry(errors, country, raw['billingAddress']);
    errors.throwIfAny();
    return new PaymentSessionRequest(
      // throwIfAny returned, so every required field parsed.
      intent as SessionIntent,
      country as CountryCode,
      currency as CurrencyCode,
      locale as Locale,
      orderAmount as number,
      orderTaxAmount,
      orderLines as OrderLine[],
      merchantUrls,
      merchantReference1,
      merchantReference2,
      party.billingAddress,
      party.customer,
    );
  }

  /** A stable text of everything the request asks for, for idempotency fingerprints. */
  fingerprintSource(): string {
    return canonicalJson(this);
  }
}

/** Records `is required` or `message` and returns the parsed value when there is one. */
export function requiredCode<T>(
  errors: FieldErrors,
  field: string,
  value: unknown,
  parse: (v: unknown) => T | undefined,
  message: string,
): T | undefined {
  if (value === undefined || value === null || value === '') {
    errors.add(field, 'is required');
    return undefined;
  }
  const parsed = parse(value);
  if (parsed === undefined) errors.add(field, message);
  return parsed;
}
