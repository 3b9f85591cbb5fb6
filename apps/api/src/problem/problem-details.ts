import type { FieldError } from '@paytokens/domain';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem, with paytokens' stable `code` and, when a provider answered, what it said. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable, machine-readable; the last segment of `type` is its kebab-case form. */
  code: string;
  /** Field-level problems of a validation failure (at most {@link MAX_LISTED_ERRORS}). */
  errors?: readonly FieldError[];
  /** How many more field problems there were than `errors` lists. */
  errorsOmitted?: number;
  provider?: string;
  providerCode?: string;
  correlationId?: string;
}

/** A problem and the headers that go with it (Retry-After, WWW-Authenticate). */
export interface ProblemResponse {
  problem: ProblemDetails;
  headers?: Record<string, string>;
}

/** `https://paytokens.dev/problems/validation-failed` for `VALIDATION_FAILED`. */
export function problemType(code: string): string {
  return `https://paytokens.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Field problems listed in one answer: enough to fix a request, never an answer much larger than the request. */
export const MAX_LISTED_ERRORS = 20;
/** A field path longer than this (a client's made-up key) is cut, so the answer does not echo it whole. */
export const MAX_FIELD_LENGTH = 64;

/** Builds a problem; `type` follows from `code`. */
export function problem(status: number, code: string, title: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const { errors, ...rest } = extra;
  const listed = errors?.slice(0, MAX_LISTED_ERRORS).map(({ field, message }) => ({ field: shortened(field), message }));
  const omitted = errors && errors.length > MAX_LISTED_ERRORS ? errors.length - MAX_LISTED_ERRORS : undefined;
  return {
    type: problemType(code),
    title,
    status,
    detail,
    code,
    ...dropUndefined(Object.assign({}, rest, { errors: listed, errorsOmitted: omitted })),
  };
}

function shortened(field: string): string {
  return field.length > MAX_FIELD_LENGTH ? `${field.slice(0, MAX_FIELD_LENGTH - 1)}…` : field;
}

function dropUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
