const MASK = '***';
// ioredis reads options from the query string too (`?password=...`), so those are masked as well.
const SECRET_PARAMS = /^(password|pass|pwd|secret|token|auth)$/i;

/**
 * The URL with its password (and any password-like query parameter) masked, safe for logs:
 * `redis://user:***@host:6379/0`. Something that does not parse as a URL gives a fixed placeholder,
 * because a half-parsed string may still carry the secret.
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable Redis URL]';
  }
  if (parsed.password) parsed.password = MASK;
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) parsed.searchParams.set(name, MASK);
  }
  return parsed.toString();
}
