import type { PaymentSession } from '../payment-session/payment-session.entity';
import type { PaymentSessionRequest } from '../payment-session/payment-session-request';
import type { PaymentSessionGateway } from '../ports/payment-session-gateway.port';
import { ValidationError } from '../errors/errors';
import { Secret } from '../value-objects/secret';
import { assertTokenId } from './token-id';

/** Opens a payment session whose client token the shopper's checkout widget needs. */
export class CreatePaymentSession {
  constructor(private readonly gateway: PaymentSessionGateway) {}

  execute(request: PaymentSessionRequest): Promise<PaymentSession> {
    return this.gateway.createSession(request);
  }
}

/** Reads a payment session's state (complete once the shopper authorized). */
export class ReadPaymentSession {
  constructor(private readonly gateway: PaymentSessionGateway) {}

  async execute(sessionId: string): Promise<PaymentSession> {
    assertTokenId(sessionId, 'sessionId');
    return this.gateway.readSession(sessionId);
  }
}

/** Releases an authorization that will not be used, e.g. for a checkout abandoned after the shopper authorized. */
export class CancelAuthorization {
  constructor(private readonly gateway: PaymentSessionGateway) {}

  async execute(authorizationToken: string | Secret): Promise<void> {
    const token = Secret.of(authorizationToken);
    // It becomes a URL path segment: the same rule as a token id, without printing it.
    if (!/^[A-Za-z0-9._~-]{1,1024}$/.test(token.reveal()) || /^\.{1,2}$/.test(token.reveal())) {
      throw new ValidationError([{ field: 'authorizationToken', message: 'must be the opaque token the provider issued' }]);
    }
    await this.gateway.cancelAuthorization(token);
  }
}
