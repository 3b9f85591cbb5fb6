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
  /** Field-level problems of a validation failure. */
  errors?: readonly FieldError[];
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

/** Builds a problem; `type` follows from `code`. */
export function problem(status: number, code: string, title: string, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: problemType(code), title, status, detail, code, ...dropUndefined(extra) };
}

function dropUndefined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
