import type { OptionProblems } from './option-problems';

/** The account a single unnamed registration gets. */
export const DEFAULT_ACCOUNT = 'default';

const ACCOUNT_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** An account name checked (lower-case letters, digits, `-` and `_`, at most 32); `default` when undefined. */
export function parseAccountName(value: unknown, problems: OptionProblems): string {
  if (value === undefined) return DEFAULT_ACCOUNT;
  if (typeof value !== 'string' || !ACCOUNT_NAME.test(value)) {
    problems.add('account', 'must be 1 to 32 lower-case letters, digits, "-" or "_", starting with a letter or digit');
    return DEFAULT_ACCOUNT;
  }
  return value;
}

/**
 * The injection token of one thing one provider module provides for one account, e.g.
 * `providerToken('klarna', 'CustomerTokens', 'eu')`. `Symbol.for`, so that the same name gives the same token
 * in every copy of a package, and two accounts or two providers never share one.
 */
export function providerToken(provider: string, thing: string, account: string = DEFAULT_ACCOUNT): symbol {
  return Symbol.for(`paytokens.${provider}.${account}.${thing}`);
}
