/** What replaces a secret in provider text. */
export const REDACTED = '[REDACTED]';

/** Every occurrence of each secret (and its URL-encoded form) replaced; secrets under 4 characters are skipped. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}

/**
 * Provider text made safe to keep: control characters removed, every secret scrubbed, at most `maxLength`
 * characters. For whatever a provider answers, in case an answer ever echoes a credential.
 */
export function cleanProviderText(text: string, secrets: readonly string[], maxLength = 500): string {
  const result = scrubSecrets(text.replace(/\p{Cc}+/gu, ' '), secrets);
  return result.length > maxLength ? `${result.slice(0, maxLength)}…` : result;
}

/** The text of a Secret, also one from another copy of @paytokens/domain (duck-typed), or a plain string. */
export function revealSecretLike(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const text = typeof (value as { reveal?: unknown } | null)?.reveal === 'function' ? (value as { reveal(): unknown }).reveal() : undefined;
  return typeof text === 'string' ? text : undefined;
}

/** A JSON object parsed from text, or undefined for anything else (empty, not JSON, an array). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
