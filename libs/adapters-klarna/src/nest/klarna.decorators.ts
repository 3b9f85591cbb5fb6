import { Inject } from '@nestjs/common';
import {
  klarnaCircuitToken,
  klarnaCustomerTokensToken,
  klarnaGatewayToken,
  klarnaHealthIndicatorToken,
  klarnaOptionsToken,
  klarnaPaymentSessionsToken,
  klarnaTokenChargesToken,
} from './klarna.constants';

/** Injects an account's KlarnaCustomerTokens (issue, read, cancel); the account `default` when none is named. */
export const InjectKlarnaCustomerTokens = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(klarnaCustomerTokensToken(account));
/** Injects an account's KlarnaPaymentSessions (create, read, cancel an authorization); the account `default` when none is named. */
export const InjectKlarnaPaymentSessions = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(klarnaPaymentSessionsToken(account));
/** Injects an account's KlarnaTokenCharges (charge a customer token); the account `default` when none is named. */
export const InjectKlarnaTokenCharges = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(klarnaTokenChargesToken(account));
/** Injects an account's validated options (ResolvedKlarnaOptions); the password is a Secret that never prints. */
export const InjectKlarnaOptions = (account?: string): ParameterDecorator & PropertyDecorator => Inject(klarnaOptionsToken(account));
/** Injects an account's KlarnaCustomerTokenGateway (the CustomerTokenGateway port for Klarna). */
export const InjectKlarnaGateway = (account?: string): ParameterDecorator & PropertyDecorator => Inject(klarnaGatewayToken(account));
/** Injects an account's circuit breaker, to read its state or follow its changes. */
export const InjectKlarnaCircuit = (account?: string): ParameterDecorator & PropertyDecorator => Inject(klarnaCircuitToken(account));
/** Injects an account's terminus health indicator (registered when @nestjs/terminus is installed). */
export const InjectKlarnaHealthIndicator = (account?: string): ParameterDecorator & PropertyDecorator =>
  Inject(klarnaHealthIndicatorToken(account));
