/** Token of the app's {@link Telemetry} (logger, metrics, request context and the adapters' listeners). */
export const TELEMETRY = Symbol.for('paytokens.api.Telemetry');
