import { maskedSuffix } from '@paytokens/domain';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

// Keys are compared lower-cased and without "-" and "_", so `client_secret`, `clientSecret` and
// `Client-Secret` are one key.
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'secret',
  'clientsecret',
  'apikey',
  'xapikey',
  'apikeys',
  'metricsapikey',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'credentials',
]);
/** Tokens: at most a four-character suffix survives, enough to tell two of them apart. */
const TOKEN_KEYS = new Set([
  'authorizationtoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'tokenid',
  'customertoken',
  'customertokenid',
  'bearer',
]);
/** Personal data of shoppers: never logged, not even in part. */
const PERSONAL_KEYS = new Set([
  'nationalidentificationnumber',
  'lastfourssn',
  'ssn',
  'dateofbirth',
  'email',
  'phone',
  'streetaddress',
  'streetaddress2',
  'givenname',
  'familyname',
  'postalcode',
  'attention',
  'organizationregistrationid',
  'vatid',
]);

/** Fields whose values are ids and names the app itself sets: left exactly as they are (a UUID is no phone number). */
const VERBATIM_KEYS = new Set([
  'reqId',
  'requestId',
  'correlationId',
  'method',
  'provider',
  'operation',
  'outcome',
  'event',
  'code',
  'context',
  'keyId',
]);

const MAX_DEPTH = 8;
/** Properties of an error that are safe to log: the domain's errors promise they never hold secrets. */
const ERROR_FIELDS = ['code', 'provider', 'providerCode', 'correlationId', 'providerStatus', 'retryAfterSeconds'] as const;

/** How a field with this name is logged: in full, not at all, or as a short suffix. */
export function sensitivityOf(key: string): 'secret' | 'token' | 'personal' | undefined {
  const normalised = key.toLowerCase().replace(/[-_]/g, '');
  if (SECRET_KEYS.has(normalised)) return 'secret';
  if (TOKEN_KEYS.has(normalised)) return 'token';
  if (PERSONAL_KEYS.has(normalised)) return 'personal';
  return undefined;
}

/** Paths for pino's own `redact` (fast, but one level of wildcard only); {@link LogScrubber} covers any depth. */
export const PINO_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.clientSecret',
  '*.apiKey',
  '*.authorization',
  '*.authorizationToken',
  '*.accessToken',
  '*.nationalIdentificationNumber',
  '*.lastFourSsn',
  '*.dateOfBirth',
  '*.email',
  '*.phone',
  '*.streetAddress',
  '*.streetAddress2',
];

type Replacement = string | ((match: string, ...groups: string[]) => string);

/** A pattern of sensitive free text, and a cheap test that says whether it can occur at all. */
interface TextRule {
  applies: (text: string) => boolean;
  pattern: RegExp;
  replacement: Replacement;
}

// Patterns for secrets and personal data that reach a log inside free text (an error message, a stack).
const TEXT_RULES: readonly TextRule[] = [
  { applies: (t) => /bearer|basic/i.test(t), pattern: /\b(Bearer|Basic)[ \t]+[^\s"',;]+/gi, replacement: `$1 ${REDACTED}` },
  { applies: (t) => t.includes('@'), pattern: /(\/\/)[^/\s:@]*:[^/\s@]+@/g, replacement: `$1${REDACTED}@` },
  {
    // Ids in paths; an id already masked (…1234) or a route parameter (:tokenId) stays as it is.
    applies: (t) => t.includes('tokens/') || t.includes('authorizations/'),
    pattern: /((?:customer-tokens|tokens|authorizations)\/)([^/?#\s"'…:][^/?#\s"']*)/g,
    replacement: (_m, prefix: string, id: string) => `${prefix}${maskedSuffix(id)}`,
  },
  {
    applies: (t) => t.includes('=') || t.includes(':'),
    pattern:
      /(["']?(?:password|passwd|client_?secret|secret|api_?key|access_?token|authorization_?token|refresh_?token)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;}&]+)/gi,
    replacement: `$1${REDACTED}`,
  },
  { applies: (t) => t.includes('@'), pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, replacement: REDACTED },
  // Nine or more digits, optionally grouped: phone numbers, social security and national id numbers. Not
  // inside a longer word, so the digits of a UUID or a hex id stay.
  { applies: (t) => /\d/.test(t), pattern: /(?<![\w-])\+?\d(?:[ ().-]{0,2}\d){8,}(?![\w-])/g, replacement: REDACTED },
];

/**
 * Makes log arguments safe: walks objects at any depth and replaces the values of sensitive fields
 * (secrets and personal data by `[REDACTED]`, tokens by at most a four-character suffix), scrubs
 * free text (bearer credentials, credentials in URLs, token ids in paths, `secret=…` pairs, emails,
 * long digit runs) and removes the values it was told are secret wherever they appear. Error objects
 * become `{ type, message, stack, code, provider, … }` with message and stack scrubbed and a scrubbed
 * cause; their other properties (a request, a response) are dropped, since they may hold anything.
 */
export class LogScrubber {
  private readonly knownSecrets: readonly string[];

  /** `knownSecrets`: values (the configured credentials) to remove wherever they occur; short ones are ignored. */
  constructor(knownSecrets: readonly string[] = []) {
    this.knownSecrets = [...new Set(knownSecrets.filter((s) => typeof s === 'string' && s.length >= 6))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A scrubbed copy of any log argument; the argument itself is never changed. */
  scrub(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.scrubText(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return '[Object]';
    if (value instanceof Error) return this.scrubError(value, depth);
    if (Array.isArray(value)) return value.map((item) => this.scrub(item, depth + 1));
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
      return this.scrub((value as { toJSON(): unknown }).toJSON(), depth + 1);
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      copy[key] = this.scrubField(key, (value as Record<string, unknown>)[key], depth);
    }
    return copy;
  }

  /** Free text with every known secret and every pattern of sensitive data replaced. */
  scrubText(text: string): string {
    let result = text;
    for (const secret of this.knownSecrets) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    for (const rule of TEXT_RULES) {
      if (rule.applies(result)) result = result.replace(rule.pattern, rule.replacement as string);
    }
    return result;
  }

  private scrubField(key: string, value: unknown, depth: number): unknown {
    if (value === undefined || value === null) return value;
    if (VERBATIM_KEYS.has(key) && typeof value !== 'object') return value;
    switch (sensitivityOf(key)) {
      case 'secret':
      case 'personal':
        return REDACTED;
      case 'token':
        return typeof value === 'string' ? maskedSuffix(value) : REDACTED;
      default:
        return this.scrub(value, depth + 1);
    }
  }

  private scrubError(error: Error, depth: number): Record<string, unknown> {
    const scrubbed: Record<string, unknown> = { type: error.name, message: this.scrubText(error.message ?? '') };
    if (error.stack) scrubbed['stack'] = this.scrubText(error.stack);
    for (const field of ERROR_FIELDS) {
      const value = (error as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string' || typeof value === 'number') scrubbed[field] = value;
    }
    if (error.cause instanceof Error && depth < 2) scrubbed['cause'] = this.scrubError(error.cause, depth + 1);
    return scrubbed;
  }
}
