// Injection tokens of ZenkiModule: one per thing and account, so registrations never override each other.
import { DEFAULT_ACCOUNT, providerToken } from '@paytokens/provider-kit';

/** Token of an account's access tokens (the domain's GetAccessToken over Zenki: cached, refreshed ahead). */
export const zenkiAccessTokensToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'AccessTokens', account);
/** Token of an account's ZenkiClient (authorized calls to the Zenki API). */
export const zenkiClientToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'Client', account);
/** Token of an account's validated ResolvedZenkiOptions (the secrets stay Secrets). */
export const zenkiOptionsToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'Options', account);
/** Token of an account's ZenkiAccessTokenIssuer (the AccessTokenIssuer port for Zenki; fetches, never caches). */
export const zenkiIssuerToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'Issuer', account);
/** Token of the AccessTokenCache an account's tokens are kept in. */
export const zenkiCacheToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'Cache', account);
/** Token of an account's circuit breaker around the token fetch (ProviderCircuit). */
export const zenkiCircuitToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'Circuit', account);
/** Token of an account's ZenkiHealthIndicator (terminus-compatible). */
export const zenkiHealthIndicatorToken = (account: string = DEFAULT_ACCOUNT): symbol => providerToken('zenki', 'HealthIndicator', account);

// Module-local tokens: each registration is its own module instance, so these never meet another account's.
/** @internal The account's services (createZenki). */
export const ZENKI_SERVICES = Symbol('paytokens.zenki.Services');
/** @internal The account name of this registration. */
export const ZENKI_ACCOUNT = Symbol('paytokens.zenki.Account');
