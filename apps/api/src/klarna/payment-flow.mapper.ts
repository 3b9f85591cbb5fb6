import type { PaymentSession, TokenOrder } from '@paytokens/domain';
import { definedOnly } from './customer-token.mapper';
import type { CreatedPaymentSessionResponse, PaymentSessionResponse } from './dto/payment-session.dto';
import type { TokenOrderResponse } from './dto/token-charge.dto';

/** The 201 body of a created session. */
export function toCreatedSessionResponse(session: PaymentSession, account: string): CreatedPaymentSessionResponse {
  return {
    sessionId: session.sessionId,
    clientToken: session.clientToken ?? '',
    paymentMethodCategories: session.paymentMethodCategories,
    account,
  };
}

/** The 200 body of a read session. */
export function toSessionResponse(session: PaymentSession, account: string): PaymentSessionResponse {
  return definedOnly(Object.assign({}, session, { account })) as PaymentSessionResponse;
}

/** The 201 body of a charge (new or replayed). */
export function toOrderResponse(order: TokenOrder, account: string): TokenOrderResponse {
  // toProps leaves absent fields out already, and its copy is this answer's own. Not `{ ...props, account }`: on
  // Node 20 a spread followed by another property gives every answer a hidden class of its own (FINDINGS, fifth pass).
  return Object.assign(order.toProps(), { account }) as TokenOrderResponse;
}
