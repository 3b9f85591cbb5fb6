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
  return definedOnly({ ...session, account }) as PaymentSessionResponse;
}

/** The 201 body of a charge (new or replayed). */
export function toOrderResponse(order: TokenOrder, account: string): TokenOrderResponse {
  // toProps leaves absent fields out already.
  return { ...order.toProps(), account } as TokenOrderResponse;
}
