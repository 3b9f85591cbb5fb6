import type { ErrorCode } from './error-codes';

/** What a provider said about a failure: its own code, messages and correlation id. Never a secret. */
export interface ProviderFault {
  /** Which provider answered, e.g. `klarna` or `zenki`. */
  provider: string;
  /** The provider's own error code (Klarna `error_code`, Zenki `error`). */
  providerCode?: string;
  /** The provider's own human-readable messages. */
  providerMessages?: readonly string[];
  /** The provider's correlation id, for their support. */
  correlationId?: string;
  /** The HTTP status the provider answered with, when it answered. */
  providerStatus?: number;
}

/** Options every paytokens error accepts. */
export interface PaytokensErrorOptions extends Partial<ProviderFault> {
  /** Seconds after which a retry may succeed. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Base of the paytokens error hierarchy. Carries a stable `code` and, when a provider answered,
 * what it said. Messages and data must never contain secrets: adapters build them from safe parts only.
 */
export abstract class PaytokensError extends Error {
  abstract readonly code: ErrorCode;
  readonly provider?: string;
  readonly providerCode?: string;
  readonly providerMessages?: readonly string[];
  readonly correlationId?: string;
  readonly providerStatus?: number;
  readonly retryAfterSeconds?: number;

  constructor(message: string, options: PaytokensErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.provider = options.provider;
    this.providerCode = options.providerCode;
    this.providerMessages = options.providerMessages;
    this.correlationId = options.correlationId;
    this.providerStatus = options.providerStatus;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** A plain, secret-free form for logs and transport; the cause is left out on purpose. */
  toJSON(): Record<string, unknown> {
    return dropUndefined({
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      providerCode: this.providerCode,
      providerMessages: this.providerMessages,
      correlationId: this.correlationId,
      providerStatus: this.providerStatus,
      retryAfterSeconds: this.retryAfterSeconds,
    });
  }
}

/** True for any error of the paytokens hierarchy, also across copies of the package (checks the code). */
export function isPaytokensError(error: unknown): error is PaytokensError {
  return (
    error instanceof PaytokensError ||
    (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && 'provider' in error)
  );
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
