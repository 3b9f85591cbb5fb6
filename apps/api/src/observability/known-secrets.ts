import type { Configuration } from '../config/configuration';
import { SIMULATOR_CREDENTIALS } from '../simulation/provider-simulators';

/** The credentials the app holds in clear, to be cut out of any log line they might reach. */
export function knownSecretsOf(configuration: Configuration): string[] {
  const secrets = [configuration.klarna.password?.reveal(), configuration.zenki.clientSecret?.reveal()];
  if (configuration.app.simulateProviders) secrets.push(SIMULATOR_CREDENTIALS.klarna.password, SIMULATOR_CREDENTIALS.zenki.clientSecret);
  return secrets.filter((secret): secret is string => typeof secret === 'string');
}
