import { connectAdmin } from './redis-test-env';

/** What a scan of Redis found: how many keys, and every place a known plaintext was readable (never empty on success: see `keys`). */
export interface RedisScanResult {
  keys: string[];
  values: string[];
  /** `<key>: <label>` for each known plaintext (or its base64/base64url/hex form) found in a key name or a value. */
  readable: string[];
}

/** The forms a plaintext may leak in: as is, and its base64, base64url and hex encodings. */
function encodings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [text, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex')];
}

/**
 * SCANs every key under `prefix` (the full prefix as stored) and GETs every value, and reports where any of the
 * `plaintexts` (label → text) can be read, as is or base64/hex encoded (case-insensitive).
 */
export async function scanForReadablePlaintexts(url: string, prefix: string, plaintexts: Record<string, string>): Promise<RedisScanResult> {
  const admin = await connectAdmin(url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const values = keys.length === 0 ? [] : ((await admin.mget(...keys)) as (string | null)[]).map((value) => value ?? '');
    const readable: string[] = [];
    keys.forEach((key, index) => {
      const haystack = `${key}\n${values[index]}`.toLowerCase();
      for (const [label, text] of Object.entries(plaintexts)) {
        if (encodings(text).some((form) => form.length >= 4 && haystack.includes(form.toLowerCase()))) readable.push(`${key}: ${label}`);
      }
    });
    return { keys, values, readable };
  } finally {
    await admin.quit();
  }
}
