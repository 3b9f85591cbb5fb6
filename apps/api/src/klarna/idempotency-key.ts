import { ValidationError } from '@paytokens/domain';

/** The header a caller sends to make a create safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The header set on an answer replayed from an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** How an idempotent route's answer documents that header in the OpenAPI document. */
export const IDEMPOTENT_REPLAYED_HEADER_DOCS = {
  [IDEMPOTENT_REPLAYED_HEADER]: {
    description: '`true` when this answer is a replay of an earlier request with the same key.',
    schema: { type: 'string' },
  },
};

const VALID = /^[\x20-\x7e]{1,255}$/;

/** The Idempotency-Key header's value, undefined when absent; a malformed key is a 400 naming the header. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !VALID.test(header)) {
    throw new ValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: 'must be one header of 1 to 255 printable ASCII characters' }]);
  }
  return header;
}

/** The Idempotency-Key a route cannot do without (charging a token): absent is a 400 naming the header. */
export function requireIdempotencyKey(header: string | string[] | undefined): string {
  const key = readIdempotencyKey(header);
  if (key === undefined)
    throw new ValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: 'is required: a charge must never be placed twice' }]);
  return key;
}
