import type { OptionProblems } from './option-problems';

/**
 * A provider base URL checked and normalised (no trailing slash); problems go to `problems` under `field`.
 * The value is never echoed: a mistyped URL may carry credentials (https://user:pass@host).
 */
export function parseBaseUrl(value: unknown, field: string, problems: OptionProblems): string | undefined {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.add(field, 'must be an http(s) URL');
    return undefined;
  }
  // Credentials in a URL end up in logs; query and fragment would corrupt the paths appended to it.
  if (url.username || url.password) {
    problems.add(field, 'must not contain credentials');
    return undefined;
  }
  if (url.search || url.hash) {
    problems.add(field, 'must not contain a query or fragment');
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
