import { ValidationError } from '@paytokens/domain';
import { ApiProblemException } from '../problem/api-problem.exception';

/** The request field (body on POST, query on GET and DELETE) that names a provider account. */
export const ACCOUNT_FIELD = 'account';

/** The header every Klarna and Zenki answer carries: the account it used (bodies name it too, as `account`). */
export const ACCOUNT_HEADER = 'Paytokens-Account';

/** The accounts an API key may use; undefined: every account. */
export type AllowedAccounts = ReadonlySet<string> | undefined;

/**
 * The `account` a request named: undefined when absent, else one of `known`; anything else is a 400 on the field
 * `account` naming the known ones (the value itself is never echoed).
 */
export function parseAccountField(value: unknown, known: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && known.includes(value)) return value;
  throw new ValidationError([{ field: ACCOUNT_FIELD, message: `must be one of the configured accounts: ${known.join(', ')}` }]);
}

/** How an unnamed account is chosen when several are configured (a Klarna create routes by purchase country). */
export interface AccountRouting {
  /** The accounts that fit the request, and what they were chosen by (for the 400 that says none or several fit). */
  fitting: readonly string[];
  reason: string;
}

/**
 * The account a request uses: the one it named; else the only account configured; else the only one `routing`
 * fits (none or several: a 400 that says so); else the only one the key may use. Then a 403 unless the key may use it.
 */
export function chooseAccount(
  provider: string,
  known: readonly string[],
  named: string | undefined,
  allowed: AllowedAccounts,
  routing?: AccountRouting,
): string {
  const account = named ?? unnamedAccount(provider, known, allowed, routing);
  if (allowed && !allowed.has(account)) {
    throw ApiProblemException.forbidden(
      `This API key may not use the ${provider} account ${account}; it may use: ${[...allowed].join(', ')}.`,
    );
  }
  return account;
}

function unnamedAccount(provider: string, known: readonly string[], allowed: AllowedAccounts, routing?: AccountRouting): string {
  if (known.length === 1) return known[0];
  if (routing) {
    if (routing.fitting.length === 1) return routing.fitting[0];
    const which =
      routing.fitting.length === 0
        ? `no ${provider} account serves ${routing.reason}`
        : `several ${provider} accounts serve ${routing.reason} (${routing.fitting.join(', ')})`;
    throw new ValidationError([{ field: ACCOUNT_FIELD, message: `is required: ${which}; name one of ${known.join(', ')}` }]);
  }
  const usable = known.filter((name) => !allowed || allowed.has(name));
  if (usable.length === 1) return usable[0];
  throw new ValidationError([
    { field: ACCOUNT_FIELD, message: `is required when several ${provider} accounts are configured: name one of ${known.join(', ')}` },
  ]);
}

/** A JSON body without its `account` field, for the parsers that know only the provider's fields. */
export function withoutAccountField(body: Record<string, unknown>): { account: unknown; rest: Record<string, unknown> } {
  // A loop, not `{ account, ...rest } = body`: object rest with an excluded key is V8's slow path, and its result
  // a dictionary-mode object that every later read and spread pays for (issue 19).
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    if (key === ACCOUNT_FIELD) continue;
    // An own `__proto__` (a parser may keep one) stays a field, never the prototype.
    if (key === '__proto__') Object.defineProperty(rest, key, { value: body[key], enumerable: true, writable: true, configurable: true });
    else rest[key] = body[key];
  }
  return { account: body[ACCOUNT_FIELD], rest };
}
