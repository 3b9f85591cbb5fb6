/** Token of the running ProviderSimulators; resolves to `null` when the app talks to the real providers. */
export const PROVIDER_SIMULATORS = Symbol.for('paytokens.api.ProviderSimulators');
