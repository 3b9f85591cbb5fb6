// One valid Klarna recurring-flow order, as the API's camelCase JSON (which is also the domain's input shape): the
// app's e2e tests send it over HTTP, the adapter's tests build domain requests from it. (The bench, plain JavaScript,
// keeps its own copy in tools/bench/lib/bodies.mjs.)

/** One digital order line of 25.00 GBP, 20 % VAT included. */
export const SAMPLE_ORDER_LINE = {
  type: 'digital',
  name: 'Monthly box',
  quantity: 1,
  unitPrice: 2500,
  taxRate: 2000,
  totalAmount: 2500,
  totalTaxAmount: 417,
};

/** A valid GB payment session (intent tokenize), with `overrides` on top. */
export function sampleSessionFields(overrides: Record<string, unknown> = {}) {
  return {
    intent: 'tokenize',
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    orderAmount: 2500,
    orderTaxAmount: 417,
    orderLines: [SAMPLE_ORDER_LINE],
    merchantUrls: { confirmation: 'https://shop.example/confirm' },
    ...overrides,
  };
}

/** A valid charge of 25.00 GBP (the token comes from elsewhere: the path, or the caller), with `overrides` on top. */
export function sampleChargeFields(overrides: Record<string, unknown> = {}) {
  return {
    purchaseCurrency: 'GBP',
    orderAmount: 2500,
    orderTaxAmount: 417,
    orderLines: [SAMPLE_ORDER_LINE],
    autoCapture: true,
    ...overrides,
  };
}
