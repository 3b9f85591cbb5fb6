import {
  PaymentSessionRequest,
  TokenChargeRequest,
  type PaymentSessionRequestInput,
  type TokenChargeRequestInput,
} from '@paytokens/domain';
import { sampleChargeFields, sampleSessionFields } from '@paytokens/testing';

/** A valid GB session input (intent tokenize unless overridden). */
export function sessionInput(overrides: Partial<PaymentSessionRequestInput> = {}): PaymentSessionRequestInput {
  return sampleSessionFields(overrides) as PaymentSessionRequestInput;
}

/** A validated session request. */
export const sessionRequest = (overrides: Partial<PaymentSessionRequestInput> = {}): PaymentSessionRequest =>
  PaymentSessionRequest.create(sessionInput(overrides));

/** A valid charge input of 25.00 GBP on `tokenId`. */
export function chargeInput(tokenId: string, overrides: Partial<TokenChargeRequestInput> = {}): TokenChargeRequestInput {
  return sampleChargeFields({ tokenId, merchantReference1: 'renewal-1', ...overrides }) as TokenChargeRequestInput;
}

/** A validated charge request. */
export const chargeRequest = (tokenId: string, overrides: Partial<TokenChargeRequestInput> = {}): TokenChargeRequest =>
  TokenChargeRequest.create(chargeInput(tokenId, overrides));
