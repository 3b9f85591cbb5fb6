import { DEFAULT_ACCOUNT } from '@paytokens/provider-kit';
import type { EncryptionKeyRing } from '@paytokens/adapters-redis';
import type { EnvironmentReader } from './environment';
import { readEncryptionKeyRing } from './redis.config';

/** An account name as the libraries accept it: lower-case letters, digits, `-` and `_`. */
const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The provider prefixes of the account variables. */
export type ProviderPrefix = 'KLARNA' | 'ZENKI';

/**
 * The accounts `<PROVIDER>_ACCOUNTS` names (comma-separated, case-insensitive), or `['default']` when it is unset:
 * today's single-account variables. Bad or repeated names are problems on the reader.
 */
export function readAccountNames(env: EnvironmentReader, provider: ProviderPrefix): string[] {
  const variable = `${provider}_ACCOUNTS`;
  const list = env.string(variable);
  if (list === undefined) return [DEFAULT_ACCOUNT];
  const names: string[] = [];
  for (const entry of list.split(',').map((name) => name.trim().toLowerCase())) {
    if (!ACCOUNT_NAME.test(entry))
      env.problems.push(
        `${variable} names accounts with lower-case letters, digits, - and _ (up to 32; got ${JSON.stringify(entry.slice(0, 40))})`,
      );
    else if (names.includes(entry)) env.problems.push(`${variable} names the account ${entry} twice`);
    else names.push(entry);
  }
  if (names.length === 0 && !env.problems.some((p) => p.startsWith(variable))) env.problems.push(`${variable} names no account`);
  return names;
}

/**
 * The variable of one account's setting: `KLARNA_EU_USERNAME` for the account `eu`; the account `default` reads
 * today's single-account variable (`KLARNA_USERNAME`).
 */
export function accountVariable(provider: ProviderPrefix, account: string, setting: string): string {
  if (account === DEFAULT_ACCOUNT) return `${provider}_${setting}`;
  return `${provider}_${account.toUpperCase().replace(/-/g, '_')}_${setting}`;
}

/** The setting of a named account's own Redis key ring (`KLARNA_EU_REDIS_ENCRYPTION_KEYS`). */
export const ACCOUNT_ENCRYPTION_KEYS_SETTING = 'REDIS_ENCRYPTION_KEYS';

/**
 * A named account's own Redis key ring (`<PROVIDER>_<NAME>_REDIS_ENCRYPTION_KEYS`), or undefined: the account then
 * uses REDIS_ENCRYPTION_KEYS. The account `default` has no variable of its own: REDIS_ENCRYPTION_KEYS is its key.
 */
export function readAccountKeyRing(env: EnvironmentReader, provider: ProviderPrefix, account: string): EncryptionKeyRing | undefined {
  if (account === DEFAULT_ACCOUNT) return undefined;
  return readEncryptionKeyRing(env, accountVariable(provider, account, ACCOUNT_ENCRYPTION_KEYS_SETTING));
}
