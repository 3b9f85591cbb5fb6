// The `@paytokens/adapters-zenki/simulator` entry point: a Zenki look-alike HTTP server for tests and local runs.

/** The simulator, its default credentials and the requests it recorded. */
export {
  ZenkiSimulator,
  ZENKI_SIMULATOR_CLIENT_ID,
  ZENKI_SIMULATOR_CLIENT_SECRET,
  type ZenkiSimulatorOptions,
  type RecordedZenkiRequest,
} from './zenki-simulator';
/** Faults the simulator can inject (errors, resets, stalls) on the token endpoint, the API, or both. */
export { ZenkiFaults, type ZenkiFaultKind, type ZenkiFaultTarget, type ZenkiFaultSettings } from './zenki-simulator-faults';
