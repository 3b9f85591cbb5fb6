// Stored idempotency records hold a hash of this text: it must stay byte for byte what it was, so the fast
// writer below only takes what it can write exactly as the reference does and hands anything else to it.

const UNSUPPORTED = Symbol('unsupported');

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  const fast = write(value);
  return fast === UNSUPPORTED ? referenceCanonicalJson(value) : (fast as string);
}

/** The definition: JSON.stringify with every non-array object's keys sorted (slow: a replacer call and a copy per value). */
export function referenceCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

// The text of a string, finite number, boolean, null, array or object without toJSON; `undefined` where
// JSON.stringify leaves a property out; UNSUPPORTED for anything else (toJSON, functions, symbols, bigints,
// keys that start with a digit).
function write(value: unknown): string | undefined | typeof UNSUPPORTED {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return UNSUPPORTED;
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    default:
      return UNSUPPORTED;
  }
}

function writeArray(items: readonly unknown[]): string | typeof UNSUPPORTED {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = write(items[i]);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    text += `${i === 0 ? '' : ','}${item ?? 'null'}`;
  }
  return `${text}]`;
}

function writeObject(record: Record<string, unknown>): string | typeof UNSUPPORTED {
  const keys = Object.keys(record).sort(byCodeUnits);
  let text = '{';
  for (const key of keys) {
    // The reference rebuilds each object, and an object lists integer-like keys first: left to it.
    if (startsWithDigit(key)) return UNSUPPORTED;
    const item = write(record[key]);
    if (item === UNSUPPORTED) return UNSUPPORTED;
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${quoted(key)}:${item}`;
  }
  return `${text}}`;
}

function startsWithDigit(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57;
}

// What sort() does without a comparator (UTF-16 code units), at a fraction of its cost.
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Quotes, backslashes, control characters and lone surrogates are escaped by JSON.stringify; anything else is as is.
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

function quoted(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
