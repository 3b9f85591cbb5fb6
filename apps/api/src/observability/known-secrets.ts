import type { Configuration } from '../config/configuration';
import { simulatorCredentials } from '../simulation/provider-simulators';

/** The credentials the app holds in clear, to be cut out of any log line they might reach. */
export function knownSecretsOf(configuration: Configuration): string[] {
  const secrets = [
    ...configuration.klarna.accounts.map((account) => account.password?.reveal()),
    ...configuration.zenki.accounts.flatMap((account) => account.clientSecrets?.map((secret) => secret.reveal()) ?? []),
  ];
  if (configuration.app.simulateProviders) {
    for (const { name } of configuration.klarna.accounts) secrets.push(simulatorCredentials(name).klarna.password);
    for (const { name } of configuration.zenki.accounts) secrets.push(simulatorCredentials(name).zenki.clientSecret);
  }
  return secrets.filter((secret): secret is string => typeof secret === 'string');
}
