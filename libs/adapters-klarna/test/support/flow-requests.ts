import {
  PaymentSessionRequest,
  TokenChargeRequest,
  type PaymentSessionRequestInput,
  type TokenChargeRequestInput,
} from '@paytokens/domain';

const LINE = { type: 'digital', name: 'Monthly box', quantity: 1, unitPrice: 2500, taxRate: 2000, totalAmount: 2500, totalTaxAmount: 417 };

/** A valid GB session input (intent tokenize unless overridden). */
export function sessionInput(overrides: Partial<PaymentSessionRequestInput> = {}): PaymentSessionRequestInput {
  return {
    intent: 'tokenize',
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    orderAmount: 2500,
    orderTaxAmount: 417,
    orderLines: [LINE],
    merchantUrls: { confirmation: 'https://shop.example/confirm' },
    ...overrides,
  };
}

/** A validated session request. */
export const sessionRequest = (overrides: Partial<PaymentSessionRequestInput> = {}): PaymentSessionRequest =>
  PaymentSessionRequest.create(sessionInput(overrides));

/** A valid charge input of 25.00 GBP on `tokenId`. */
export function chargeInput(tokenId: string, overrides: Partial<TokenChargeRequestInput> = {}): TokenChargeRequestInput {
  return {
    tokenId,
    purchaseCurrency: 'GBP',
    orderAmount: 2500,
    orderTaxAmount: 417,
    orderLines: [LINE],
    merchantReference1: 'renewal-1',
    autoCapture: true,
    ...overrides,
  };
}

/** A validated charge request. */
export const chargeRequest = (tokenId: string, overrides: Partial<TokenChargeRequestInput> = {}): TokenChargeRequest =>
  TokenChargeRequest.create(chargeInput(tokenId, overrides));
