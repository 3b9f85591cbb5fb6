import type { DynamicModule, Provider } from '@nestjs/common';
import { CancelCustomerToken, CUSTOMER_TOKEN_GATEWAY, IDEMPOTENCY_STORE, IssueCustomerToken, ReadCustomerToken } from '@paytokens/domain';
import type { KlarnaServices } from '../lib/create-klarna';
import { KlarnaCustomerTokens } from '../lib/klarna-customer-tokens';
import { KlarnaHealthIndicator } from '../health/klarna.health-indicator';
import {
  KLARNA_ACCOUNT,
  KLARNA_SERVICES,
  klarnaCircuitToken,
  klarnaCustomerTokensToken,
  klarnaGatewayToken,
  klarnaHealthIndicatorToken,
  klarnaOptionsToken,
} from './klarna.constants';

/** The registration-time extras of KlarnaModule: known before any option is read, so they can name tokens. */
export interface KlarnaRegistration {
  /** The account's name: the tokens, idempotency scope, circuit and events carry it. Default `default`. */
  account: string;
  /** Make the module global (no need to import it where it is injected). */
  isGlobal: boolean;
  /**
   * Also bind the domain's generic keys (CUSTOMER_TOKEN_GATEWAY, IDEMPOTENCY_STORE, IssueCustomerToken,
   * ReadCustomerToken, CancelCustomerToken) to this account. Only for one account in an app: a second would override.
   */
  bindDomainPorts: boolean;
}

/** Adds the account's tokens (and, on request, the domain's generic ones) to a KlarnaModule registration. */
export function accountProviders(definition: DynamicModule, extras: KlarnaRegistration): DynamicModule {
  const { account } = extras;
  const from = <T>(token: symbol, pick: (services: KlarnaServices) => T): Provider => ({ provide: token, useFactory: pick, inject: [KLARNA_SERVICES] });
  const named: Provider[] = [
    { provide: KLARNA_ACCOUNT, useValue: account },
    from(klarnaOptionsToken(account), (s) => s.options),
    from(klarnaGatewayToken(account), (s) => s.gateway),
    from(klarnaCircuitToken(account), (s) => s.circuit),
    from(klarnaCustomerTokensToken(account), (s) => new KlarnaCustomerTokens(s)),
    from(klarnaHealthIndicatorToken(account), (s) => new KlarnaHealthIndicator(s)),
  ];
  const domain: Provider[] = extras.bindDomainPorts
    ? [
        from(CUSTOMER_TOKEN_GATEWAY as symbol, (s) => s.gateway),
        from(IDEMPOTENCY_STORE as symbol, (s) => s.idempotencyStore),
        { provide: IssueCustomerToken, useFactory: (s: KlarnaServices) => s.issue, inject: [KLARNA_SERVICES] },
        { provide: ReadCustomerToken, useFactory: (s: KlarnaServices) => s.read, inject: [KLARNA_SERVICES] },
        { provide: CancelCustomerToken, useFactory: (s: KlarnaServices) => s.cancel, inject: [KLARNA_SERVICES] },
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
