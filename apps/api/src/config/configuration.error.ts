/**
 * The environment does not describe a runnable app. Its message lists every problem and names the
 * variables involved; it never repeats the value of a secret.
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Refusing to start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}
