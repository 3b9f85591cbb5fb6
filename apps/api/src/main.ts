import { resolve } from 'node:path';
import { handleShutdownSignals, startApp } from './bootstrap';
import { ConfigurationError } from './config/configuration.error';
import { readEnvironment } from './config/environment';
import { keepRequestObjectsYoung } from './lifecycle/request-heap';

keepRequestObjectsYoung();

// Variables come from the environment; a .env file in the working directory fills in the ones not set.
startApp({ env: readEnvironment(resolve(process.cwd(), '.env')) }).then(
  (started) => {
    const { url, docsUrl, generatedApiKey, configuration } = started;
    handleShutdownSignals(started);
    const lines = [
      `paytokens API listening on ${url}`,
      `  API docs:  ${docsUrl}`,
      `  Providers: ${configuration.app.simulateProviders ? 'embedded Klarna and Zenki simulators (SIMULATE_PROVIDERS=true)' : 'Klarna and Zenki'}`,
    ];
    // Printed once, on purpose: without it nobody could call the API. Set API_KEYS to choose your own.
    if (generatedApiKey) lines.push(`  API key:   ${generatedApiKey.reveal()}  (generated for this run; set API_KEYS to choose your own)`);
    else lines.push(`  API keys:  ${configuration.app.apiKeys.size} from API_KEYS`);
    process.stdout.write(`${lines.join('\n')}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigurationError ? error.message : `Start-up failed: ${describe(error)}`}\n`);
    process.exit(1);
  },
);

/** Name and message only: a stack or a cause could carry configuration values. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
