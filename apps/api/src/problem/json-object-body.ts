import { ValidationError, type FieldError } from '@paytokens/domain';

/** The body a route that takes a JSON object was sent, or the 400 that says it is not one. */
export function requireJsonObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

/**
 * Runs every parser of one request (headers, body) and throws one ValidationError with all their field errors,
 * so a caller learns every invalid field in one answer instead of one round per parser.
 */
export function parseTogether<T extends readonly unknown[]>(...parsers: { [K in keyof T]: () => T[K] }): T {
  const errors: FieldError[] = [];
  const results = parsers.map((parse) => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return results as unknown as T;
}
