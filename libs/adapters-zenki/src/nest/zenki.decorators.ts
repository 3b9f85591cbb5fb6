import { Inject } from '@nestjs/common';
import {
  zenkiAccessTokensToken,
  zenkiCacheToken,
  zenkiCircuitToken,
  zenkiClientToken,
  zenkiHealthIndicatorToken,
  zenkiIssuerToken,
  zenkiOptionsToken,
} from './zenki.constants';

/** Injects an account's access tokens (GetAccessToken over Zenki); the account `default` when none is named. */
export const InjectZenkiAccessTokens = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(zenkiAccessTokensToken(account));
/** Injects an account's ZenkiClient (authorized calls to the Zenki API). */
export const InjectZenkiClient = (account?: string): ParameterDecorator & PropertyDecorator => Inject(zenkiClientToken(account));
/** Injects an account's validated options (ResolvedZenkiOptions); the client secrets are Secrets that never print. */
export const InjectZenkiOptions = (account?: string): ParameterDecorator & PropertyDecorator => Inject(zenkiOptionsToken(account));
/** Injects an account's ZenkiAccessTokenIssuer (fetches a new token on every call: prefer InjectZenkiAccessTokens). */
export const InjectZenkiIssuer = (account?: string): ParameterDecorator & PropertyDecorator => Inject(zenkiIssuerToken(account));
/** Injects the AccessTokenCache an account's tokens are kept in. */
export const InjectZenkiCache = (account?: string): ParameterDecorator & PropertyDecorator => Inject(zenkiCacheToken(account));
/** Injects an account's circuit breaker, to read its state or follow its changes. */
export const InjectZenkiCircuit = (account?: string): ParameterDecorator & PropertyDecorator => Inject(zenkiCircuitToken(account));
/** Injects an account's terminus-compatible health indicator. */
export const InjectZenkiHealthIndicator = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(zenkiHealthIndicatorToken(account));
