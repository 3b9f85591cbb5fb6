import type { DynamicModule, Provider } from '@nestjs/common';
import { ACCESS_TOKEN_CACHE, ACCESS_TOKEN_ISSUER, GetAccessToken } from '@paytokens/domain';
import type { ZenkiServices } from '../lib/create-zenki';
import { ZenkiClient } from '../lib/zenki.client';
import { ZenkiHealthIndicator } from '../health/zenki.health-indicator';
import { ZENKI_ACCOUNT, ZENKI_SERVICES, zenkiAccessTokensToken, zenkiCacheToken, zenkiCircuitToken } from './zenki.constants';
import { zenkiClientToken, zenkiHealthIndicatorToken, zenkiIssuerToken, zenkiOptionsToken } from './zenki.constants';

/** The registration-time extras of ZenkiModule: known before any option is read, so they can name tokens. */
export interface ZenkiRegistration {
  /** The account's name: the tokens, cache key, fetch lock, circuit and events carry it. Default `default`. */
  account: string;
  /** Make the module global (no need to import it where it is injected). */
  isGlobal: boolean;
  /**
   * Also bind the domain's generic keys (ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_CACHE, GetAccessToken) and the
   * ZenkiClient class to this account. Only for one account in an app: a second would override.
   */
  bindDomainPorts: boolean;
}

/** Adds the account's tokens (and, on request, the domain's generic ones) to a ZenkiModule registration. */
export function accountProviders(definition: DynamicModule, extras: ZenkiRegistration): DynamicModule {
  const { account } = extras;
  const from = <T>(token: symbol | object, pick: (services: ZenkiServices) => T): Provider =>
    ({ provide: token, useFactory: pick, inject: [ZENKI_SERVICES] }) as Provider;
  const named: Provider[] = [
    from(zenkiOptionsToken(account), (s) => s.options),
    from(zenkiAccessTokensToken(account), (s) => s.getAccessToken),
    from(zenkiClientToken(account), (s) => s.client),
    from(zenkiIssuerToken(account), (s) => s.issuer),
    from(zenkiCacheToken(account), (s) => s.cache),
    from(zenkiCircuitToken(account), (s) => s.circuit),
    from(zenkiHealthIndicatorToken(account), (s) => new ZenkiHealthIndicator(s)),
  ];
  const domain: Provider[] = extras.bindDomainPorts
    ? [
        from(ACCESS_TOKEN_ISSUER as symbol, (s) => s.issuer),
        from(ACCESS_TOKEN_CACHE as symbol, (s) => s.cache),
        from(GetAccessToken, (s) => s.getAccessToken),
        from(ZenkiClient, (s) => s.client),
      ]
    : [];
  const all = [...named, ...domain];
  return {
    ...definition,
    global: extras.isGlobal,
    providers: [...(definition.providers ?? []), { provide: ZENKI_ACCOUNT, useValue: account }, ...all],
    exports: [...(definition.exports ?? []), ...all.map((p) => (p as { provide: symbol }).provide)],
  };
}
