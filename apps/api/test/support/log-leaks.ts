/**
 * The log-leak check of the e2e suites: every line the apps log is captured, every secret and piece of
 * personal data the tests send or receive is recorded, and after each test file none may appear in any
 * line. Its list of sensitive fields is its own, on purpose: a field the app's scrubber forgot is caught.
 */

/** A log destination that keeps every line (pino writes one JSON object per line). */
export class LogCapture {
  readonly lines: string[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line) this.lines.push(line);
  }

  /** The lines parsed as JSON objects (a line that is not JSON is kept as `{ unparsed }`). */
  records(): Record<string, unknown>[] {
    return this.lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { unparsed: line };
      }
    });
  }
}

/**
 * How a value may show in a log: `secret` (keys, passwords, tokens, personal data) never; a
 * `random-secret` (a token a simulator generated) not even eight characters of it in a row; a
 * `token-id` only as a suffix of at most four characters.
 */
export type SensitiveKind = 'secret' | 'random-secret' | 'token-id';

// Field names whose values must never be logged (the list), compared without case, "-" and "_".
const SECRET_FIELDS = new Set([
  'password',
  'clientsecret',
  'apikey',
  'authorization',
  'nationalidentificationnumber',
  'lastfourssn',
  'dateofbirth',
  'email',
  'phone',
  'streetaddress',
  'streetaddress2',
  'givenname',
  'familyname',
]);
const RANDOM_SECRET_FIELDS = new Set(['authorizationtoken', 'accesstoken']);
const TOKEN_ID_FIELDS = new Set(['tokenid']);

const WINDOW = 8;
const RANK: Record<SensitiveKind, number> = { 'token-id': 0, secret: 1, 'random-secret': 2 };

/** The sensitive values a test file sent or received. */
export class SensitiveValues {
  private readonly values = new Map<string, SensitiveKind>();

  add(value: unknown, kind: SensitiveKind): void {
    if (typeof value !== 'string' || value.trim().length < 3) return;
    const known = this.values.get(value);
    // The strictest kind a value was seen as wins: random-secret, then secret, then token-id.
    if (known === undefined || RANK[kind] > RANK[known]) this.values.set(value, kind);
  }

  /**
   * Records the secret and personal fields of a JSON value at any depth. Tokens in an answer were made
   * by a simulator and are random; in a request a test may have written them (`has/slash-secret…`), and
   * pieces of those may well occur in a log by chance.
   */
  addFieldsOf(value: unknown, origin: 'request' | 'response', depth = 0): void {
    if (value === null || typeof value !== 'object' || depth > 10) return;
    for (const [key, field] of Object.entries(value)) {
      const name = key.toLowerCase().replace(/[-_]/g, '');
      if (SECRET_FIELDS.has(name)) this.add(field, 'secret');
      else if (RANDOM_SECRET_FIELDS.has(name)) this.add(field, origin === 'response' ? 'random-secret' : 'secret');
      else if (TOKEN_ID_FIELDS.has(name)) this.add(field, 'token-id');
      else this.addFieldsOf(field, origin, depth + 1);
    }
  }

  /** Records what a request carries: its credentials, the token id in its path, the fields of its body. */
  addRequest(path: string, headers: Record<string, string | string[]>, body: string | undefined): void {
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'authorization') continue;
      for (const header of Array.isArray(value) ? value : [value]) {
        const credential = /^\S+\s+(.+)$/.exec(header)?.[1];
        // The sha256: form of a key is what configuration may hold in clear: not a secret.
        if (credential !== undefined && /^sha256:[0-9a-f]{64}$/i.test(credential.trim())) continue;
        this.add(header, 'secret');
        this.add(credential, 'secret');
      }
    }
    const tokenId = /\/customer-tokens\/([^/?#]+)/.exec(path)?.[1];
    if (tokenId !== undefined) this.add(safeDecode(tokenId), 'token-id');
    if (body !== undefined) this.addFieldsOf(parseJson(body), 'request');
  }

  get size(): number {
    return this.values.size;
  }

  entries(): [string, SensitiveKind][] {
    return [...this.values.entries()];
  }
}

/** A sensitive value found in a log line. */
export interface Leak {
  kind: SensitiveKind;
  /** The value, masked for the report. */
  value: string;
  /** The line, with the value cut out. */
  line: string;
}

/** Every line that shows a recorded value (or, for a random secret, 8 characters of it in a row). */
export function findLeaks(lines: readonly string[], sensitive: SensitiveValues): Leak[] {
  const leaks: Leak[] = [];
  const texts = lines.map((line) => ({ line, strings: stringsOf(line) }));
  for (const [value, kind] of sensitive.entries()) {
    const needles = needlesFor(value, kind);
    for (const { line, strings } of texts) {
      const hit =
        value.length >= 6
          ? needles.some((needle) => line.includes(needle) || line.includes(JSON.stringify(needle).slice(1, -1)))
          : strings.some((text) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(value)}($|[^\\p{L}\\p{N}])`, 'u').test(text));
      if (!hit) continue;
      // The report shows where the value was, never the value (nor any other recorded one) itself.
      const shown = sensitive.entries().reduce((text, [other]) => (other.length >= 6 ? text.split(other).join('«leaked»') : text), line);
      leaks.push({
        kind,
        value: `${value.slice(0, 2)}…(${value.length} chars)`,
        line: shown.length > 500 ? `${shown.slice(0, 500)}…` : shown,
      });
    }
  }
  return leaks;
}

/** A readable report of leaks, for a failing afterAll. */
export function describeLeaks(leaks: readonly Leak[]): string {
  const shown = leaks.slice(0, 10).map((leak) => `  - a ${leak.kind} value ${leak.value} in: ${leak.line}`);
  return `${leaks.length} log line(s) show a secret or personal value the tests sent or received:\n${shown.join('\n')}`;
}

function needlesFor(value: string, kind: SensitiveKind): string[] {
  if (kind !== 'random-secret' || value.length < 2 * WINDOW) return [value];
  const windows: string[] = [];
  for (let start = 0; start + WINDOW <= value.length; start++) windows.push(value.slice(start, start + WINDOW));
  // A window across a UUID's dashes is mostly structure ("-4348-b5"): other UUIDs in a line (request ids) share it
  // by chance. Windows of letters and digits only still catch any 8 characters of the value in a row.
  const plain = windows.filter((window) => /^[\p{L}\p{N}]+$/u.test(window));
  return plain.length > 0 ? plain : windows;
}

/** Every string value of a JSON line at any depth (field names and numbers are not personal data). */
function stringsOf(line: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') for (const item of Object.values(value)) walk(item);
  };
  walk(parseJson(line) ?? line);
  return found;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
