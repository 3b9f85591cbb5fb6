// The `./simulator` entry point: a Zenki look-alike HTTP server for tests and local runs.
export * from './zenki-simulator';
export * from './zenki-simulator-faults';
