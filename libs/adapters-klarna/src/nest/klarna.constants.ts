import { MODULE_OPTIONS_TOKEN } from './klarna-module-definition';

/** Token of the options given to KlarnaModule.forRoot / forRootAsync, as given. */
export const KLARNA_MODULE_OPTIONS = MODULE_OPTIONS_TOKEN;
/** Token of the validated, secret-safe KlarnaGatewayConfig the module builds from its options. */
export const KLARNA_GATEWAY_CONFIG = Symbol.for('paytokens.klarna.GatewayConfig');
/** Token of Klarna's ProviderCircuit (circuit breaker): its `state` and `onStateChange`, for readiness and metrics. */
export const KLARNA_CIRCUIT = Symbol.for('paytokens.klarna.Circuit');
