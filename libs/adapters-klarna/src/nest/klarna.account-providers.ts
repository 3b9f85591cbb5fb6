import type { DynamicModule, Provider } from '@nestjs/common';
import {
  CancelAuthorization,
  CancelCustomerToken,
  ChargeCustomerToken,
  CreatePaymentSession,
  CUSTOMER_TOKEN_GATEWAY,
  CUSTOMER_TOKEN_ORDER_GATEWAY,
  IDEMPOTENCY_STORE,
  IssueCustomerToken,
  PAYMENT_SESSION_GATEWAY,
  ReadCustomerToken,
  ReadPaymentSession,
} from '@paytokens/domain';
import type { KlarnaServices } from '../lib/create-klarna';
import { KlarnaCustomerTokens } from '../lib/klarna-customer-tokens';
import { KlarnaPaymentSessions } from '../lib/klarna-payment-sessions';
import { KlarnaTokenCharges } from '../lib/klarna-token-charges';
import { KlarnaHealthIndicator } from '../health/klarna.health-indicator';
import {
  KLARNA_ACCOUNT,
  KLARNA_SERVICES,
  klarnaCircuitToken,
  klarnaCustomerTokensToken,
  klarnaGatewayToken,
  klarnaHealthIndicatorToken,
  klarnaOptionsToken,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
} from './klarna.constants';

/** The registration-time extras of KlarnaModule: known before any option is read, so they can name tokens. */
export interface KlarnaRegistration {
  /** The account's name: the tokens, idempotency scope, circuit and events carry it. Default `default`. */
  account: string;
  /** Make the module global (no need to import it where it is injected). */
  isGlobal: boolean;
  /**
   * Also bind the domain's generic keys (CUSTOMER_TOKEN_GATEWAY, PAYMENT_SESSION_GATEWAY, CUSTOMER_TOKEN_ORDER_GATEWAY,
   * IDEMPOTENCY_STORE and the use cases, IssueCustomerToken to ChargeCustomerToken) to this account. Only for one account in an app: a second would override.
   */
  bindDomainPorts: boolean;
}

/** A domain use case class bound to this account's instance. */
function useCase<T>(key: abstract new (...args: never[]) => T, pick: (services: KlarnaServices) => T): Provider[] {
  return [{ provide: key, useFactory: pick, inject: [KLARNA_SERVICES] }];
}

/** Adds the account's tokens (and, on request, the domain's generic ones) to a KlarnaModule registration. */
export function accountProviders(definition: DynamicModule, extras: KlarnaRegistration): DynamicModule {
  const { account } = extras;
  const from = <T>(token: symbol, pick: (services: KlarnaServices) => T): Provider => ({
    provide: token,
    useFactory: pick,
    inject: [KLARNA_SERVICES],
  });
  const named: Provider[] = [
    { provide: KLARNA_ACCOUNT, useValue: account },
    from(klarnaOptionsToken(account), (s) => s.options),
    from(klarnaGatewayToken(account), (s) => s.gateway),
    from(klarnaCircuitToken(account), (s) => s.circuit),
    from(klarnaCustomerTokensToken(account), (s) => new KlarnaCustomerTokens(s)),
    from(klarnaPaymentSessionsToken(account), (s) => new KlarnaPaymentSessions(s)),
    from(klarnaTokenChargesToken(account), (s) => new KlarnaTokenCharges(s)),
    from(klarnaHealthIndicatorToken(account), (s) => new KlarnaHealthIndicator(s)),
  ];
  const domain: Provider[] = extras.bindDomainPorts
    ? [
        from(CUSTOMER_TOKEN_GATEWAY as symbol, (s) => s.gateway),
        from(PAYMENT_SESSION_GATEWAY as symbol, (s) => s.sessionGateway),
        from(CUSTOMER_TOKEN_ORDER_GATEWAY as symbol, (s) => s.orderGateway),
        from(IDEMPOTENCY_STORE as symbol, (s) => s.idempotencyStore),
        ...useCase(IssueCustomerToken, (s) => s.issue),
        ...useCase(ReadCustomerToken, (s) => s.read),
        ...useCase(CancelCustomerToken, (s) => s.cancel),
        ...useCase(CreatePaymentSession, (s) => s.createSession),
        ...useCase(ReadPaymentSession, (s) => s.readSession),
        ...useCase(CancelAuthorization, (s) => s.cancelAuthorization),
        ...useCase(ChargeCustomerToken, (s) => s.charge),
      ]
    : [];
  const exported = [...named, ...domain].map((p) => (p as { provide: unknown }).provide).filter((t) => t !== KLARNA_ACCOUNT);
  return {
    ...definition,
    global: extras.isGlobal,
    providers: [...(definition.providers ?? []), ...named, ...domain],
    exports: [...(definition.exports ?? []), ...(exported as symbol[])],
  };
}
