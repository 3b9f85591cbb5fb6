import type { PaymentSession } from '../payment-session/payment-session.entity';
import type { PaymentSessionRequest } from '../payment-session/payment-session-request';
import type { Secret } from '../value-objects/secret';

/**
 * A provider's payment sessions: what the shopper's checkout runs in, and the authorizations it yields.
 * Implementations throw the domain's errors, never transport errors.
 */
export interface PaymentSessionGateway {
  /** Which provider this is (`klarna`), for errors and metrics. */
  readonly provider: string;
  /** Opens a session; its client token goes to the shopper's browser. */
  createSession(request: PaymentSessionRequest): Promise<PaymentSession>;
  /** Reads a session's current state. */
  readSession(sessionId: string): Promise<PaymentSession>;
  /** Releases an authorization the shopper gave but that will not be used (an abandoned checkout). */
  cancelAuthorization(authorizationToken: Secret): Promise<void>;
}
