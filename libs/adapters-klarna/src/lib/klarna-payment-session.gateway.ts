import { assertTokenId, type PaymentSession, type PaymentSessionGateway, type PaymentSessionRequest, type Secret } from '@paytokens/domain';
import { KLARNA_PROVIDER, parseJson, type KlarnaCaller } from './klarna-caller';
import { unreadableKlarnaAnswer } from './klarna.errors';
import { fromMerchantSession, fromSessionRead, toSessionCreateBody } from './wire/klarna-flow.mapper';

/**
 * The {@link PaymentSessionGateway} for Klarna's Payments API v1: createCreditSession, readCreditSession and
 * cancelAuthorization, through the account's pool and circuit breaker (shared with the customer-token gateway).
 */
export class KlarnaPaymentSessionGateway implements PaymentSessionGateway {
  readonly provider = KLARNA_PROVIDER;

  constructor(private readonly caller: KlarnaCaller) {}

  /** The account sessions are opened for. */
  get account(): string {
    return this.caller.config.account;
  }

  /** POST /payments/v1/sessions. Never retried: a second session is harmless but not what the caller asked for. */
  createSession(request: PaymentSessionRequest): Promise<PaymentSession> {
    return this.caller.call(
      'createSession',
      {
        method: 'POST',
        path: '/payments/v1/sessions',
        routeTemplate: '/payments/v1/sessions',
        body: toSessionCreateBody(request),
        retryOnStaleConnection: false,
      },
      (response) => {
        const session = fromMerchantSession(parseJson(response.text));
        if (!session) throw unreadableKlarnaAnswer('createSession', response, this.caller.secrets());
        return session;
      },
    );
  }

  /** GET /payments/v1/sessions/{session_id}: status (`complete` once authorized), intent and order. */
  async readSession(sessionId: string): Promise<PaymentSession> {
    assertTokenId(sessionId, 'sessionId');
    const path = `/payments/v1/sessions/${encodeURIComponent(sessionId)}`;
    return this.caller.call(
      'readSession',
      { method: 'GET', path, routeTemplate: '/payments/v1/sessions/{session_id}', retryOnStaleConnection: true },
      (response) => {
        const session = fromSessionRead(sessionId, parseJson(response.text));
        if (!session) throw unreadableKlarnaAnswer('readSession', response, this.caller.secrets());
        return session;
      },
    );
  }

  /** DELETE /payments/v1/authorizations/{authorizationToken}: 204. Releasing twice changes nothing, so a stale socket is retried. */
  async cancelAuthorization(authorizationToken: Secret): Promise<void> {
    const token = authorizationToken.reveal();
    const path = `/payments/v1/authorizations/${encodeURIComponent(token)}`;
    await this.caller.call(
      'cancelAuthorization',
      { method: 'DELETE', path, routeTemplate: '/payments/v1/authorizations/{authorizationToken}', retryOnStaleConnection: true },
      () => undefined,
      [token],
    );
  }
}
