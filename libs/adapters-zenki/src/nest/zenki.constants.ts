// Injection tokens of ZenkiModule. Symbols, so no other module can collide on a string.

/** Token for the raw {@link ZenkiModuleOptions} given to `forRoot` / `forRootAsync`. */
export const ZENKI_MODULE_OPTIONS = Symbol.for('paytokens.zenki.ModuleOptions');
/** Token for the validated {@link ResolvedZenkiOptions}. */
export const ZENKI_RESOLVED_OPTIONS = Symbol.for('paytokens.zenki.ResolvedOptions');
/** Token for the {@link ZenkiHttp} pool shared by the issuer and the client. */
export const ZENKI_HTTP = Symbol.for('paytokens.zenki.Http');
/** Token for Zenki's ProviderCircuit (the circuit breaker around the token fetch): its `state` and `onStateChange`. */
export const ZENKI_CIRCUIT = Symbol.for('paytokens.zenki.Circuit');
