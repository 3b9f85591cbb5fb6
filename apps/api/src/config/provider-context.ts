import type { AppConfig } from './app.config';
import type { EnvironmentReader } from './environment';

/** What the provider namespaces need to know about the app. */
export type ProviderContext = Pick<AppConfig, 'production' | 'simulateProviders'>;

/** The two app flags the provider namespaces depend on. */
export function providerContext(env: EnvironmentReader): ProviderContext {
  return {
    production: env.string('NODE_ENV')?.toLowerCase() === 'production',
    simulateProviders: env.boolean('SIMULATE_PROVIDERS', false),
  };
}

/** An optional whole number: undefined when unset, so the adapter's own default applies. */
export function optionalInteger(env: EnvironmentReader, name: string, min: number, max: number): number | undefined {
  return env.string(name) === undefined ? undefined : env.integer(name, min, min, max);
}

/** Outside simulation, one problem naming every missing credential variable of a provider (never a value). */
export function requireCredentials(
  env: EnvironmentReader,
  app: ProviderContext,
  provider: string,
  variables: Record<string, unknown>,
): void {
  if (app.simulateProviders) return;
  const missing = Object.entries(variables)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    env.problems.push(
      `${provider} credentials are missing: set ${missing.join(' and ')} (or SIMULATE_PROVIDERS=true to use the embedded simulator)`,
    );
  }
}
