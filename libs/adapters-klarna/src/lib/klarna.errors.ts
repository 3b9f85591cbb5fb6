import {
  ConflictError,
  MerchantInactiveError,
  NotFoundError,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  RejectedError,
  ValidationError,
  type FieldError,
  type PaytokensError,
  type PaytokensErrorOptions,
} from '@paytokens/domain';
import { cleanProviderText, headerValue, parseJsonObject, waitSeconds, type TransportFailure } from '@paytokens/provider-kit';
import type { KlarnaHttpResponse } from './klarna-http.client';
import { createTokenRefusal, tokenOrderRefusal, type KlarnaRefusal } from './wire/klarna-refusals.mapper';
import { toDomainFieldPath } from './wire/klarna-request.rules';

/** The calls the gateways make: customer tokens, payment sessions and token orders. */
export type KlarnaOperation = 'create' | 'read' | 'cancel' | 'createSession' | 'readSession' | 'cancelAuthorization' | 'createOrder';

/** What Klarna said about a failure, read from ErrorV2 and the `Klarna-Correlation-Id` header. Never a secret. */
export interface KlarnaFault {
  providerCode?: string;
  providerMessages?: string[];
  correlationId?: string;
}

const PROVIDER = 'klarna';
const WHAT: Record<KlarnaOperation, string> = {
  create: 'create the customer token',
  read: 'read the customer token',
  cancel: 'cancel the customer token',
  createSession: 'create the payment session',
  readSession: 'read the payment session',
  cancelAuthorization: 'cancel the authorization',
  createOrder: 'charge the customer token',
};

// Refusals with a meaning of their own per operation (intent buy, a failed payment method, ...), before the status mapping.
const REFUSALS: Partial<Record<KlarnaOperation, (refusal: KlarnaRefusal) => PaytokensError | undefined>> = {
  create: createTokenRefusal,
  createOrder: tokenOrderRefusal,
};
const NOT_FOUND: Record<KlarnaOperation, string> = {
  create: 'Klarna does not know this authorization: it expired (authorizations last 60 minutes), was used already, or never existed',
  read: 'Klarna has no such customer token',
  cancel: 'Klarna has no such customer token',
  createSession: 'Klarna does not know this resource',
  readSession: 'Klarna has no such payment session (sessions last 48 hours)',
  cancelAuthorization: 'Klarna does not know this authorization: it expired, was used or cancelled already, or never existed',
  createOrder: 'Klarna has no such customer token',
};
const MAX_MESSAGES = 20;
const MAX_TEXT = 500;

/**
 * The domain error for a non-2xx Klarna answer. `secrets` (password, authorization token) are scrubbed
 * from everything Klarna said, in case an answer ever echoes one.
 */
export function mapKlarnaErrorResponse(
  operation: KlarnaOperation,
  response: KlarnaHttpResponse,
  secrets: readonly string[],
): PaytokensError {
  const fault = readKlarnaFault(response, secrets);
  const status = response.status;
  const options: PaytokensErrorOptions = { provider: PROVIDER, providerStatus: status, ...fault };
  const code = fault.providerCode ? ` ${fault.providerCode}` : '';
  const refusal = REFUSALS[operation]?.({
    status,
    errorCode: fault.providerCode,
    messages: fault.providerMessages,
    correlationId: fault.correlationId,
    retryAfterSeconds: waitSeconds(response.headers),
  });
  if (refusal) return refusal;
  // An inactive merchant is the operator's problem on every operation [K5], not the caller's or the shopper's.
  if (status === 403 && fault.providerCode === 'MERCHANT_INACTIVE') return new MerchantInactiveError(options);

  if (status === 400) {
    return new ValidationError(
      fieldErrorsFrom(fault),
      Object.assign({}, options, { message: `Klarna refused the request to ${WHAT[operation]} as invalid (400${code})` }),
    );
  }
  if (status === 401) {
    return new ProviderAuthenticationError(
      `Klarna refused the API credentials (401${code}): check the username and password for this region and environment`,
      options,
    );
  }
  if (status === 403) return new RejectedError(`Klarna refused to ${WHAT[operation]} (403${code})`, options);
  if (status === 404) {
    // docs.klarna.com "Create a customer token": NOT_FOUND "Invalid authorization token" once the authorization
    // is older than 60 minutes; a used one (the session is closed) and an unknown one answer alike.
    return new NotFoundError(`${NOT_FOUND[operation]} (404${code})`, options);
  }
  if (status === 409) {
    return new ConflictError(
      `Klarna refused to ${WHAT[operation]}: the request does not match the authorization's session (409${code})`,
      options,
    );
  }
  if (status === 429) {
    // docs.klarna.com/api/rate-limit: a 429 carries X-Ratelimit-Reset; Retry-After wins when a proxy adds one.
    // No made-up wait: without either header the caller's own default applies.
    return new RateLimitedError(
      `Klarna asked to slow down (429${code})`,
      Object.assign({}, options, { retryAfterSeconds: waitSeconds(response.headers) }),
    );
  }
  if (status >= 500) {
    return new ProviderUnavailableError(
      `Klarna could not ${WHAT[operation]} right now (${status}${code})`,
      Object.assign({}, options, { retryAfterSeconds: waitSeconds(response.headers) }),
    );
  }
  return new ProviderUnavailableError(
    `Klarna answered the request to ${WHAT[operation]} with an unexpected status (${status}${code})`,
    options,
  );
}

/** The domain error for a 2xx answer whose body is not what the contract promises. */
export function unreadableKlarnaAnswer(
  operation: KlarnaOperation,
  response: KlarnaHttpResponse,
  secrets: readonly string[],
): PaytokensError {
  return new ProviderUnavailableError(
    `Klarna answered the request to ${WHAT[operation]} with a body that cannot be read (${response.status})`,
    {
      provider: PROVIDER,
      providerStatus: response.status,
      correlationId: correlationHeader(response.headers, secrets),
    },
  );
}

/** The domain error for a call that got no complete answer. */
export function mapKlarnaTransportFailure(operation: KlarnaOperation, failure: TransportFailure, timeoutMs: number): PaytokensError {
  const options: PaytokensErrorOptions = { provider: PROVIDER, cause: failure };
  switch (failure.kind) {
    case 'timeout':
      return new ProviderTimeoutError(
        `Klarna did not answer the request to ${WHAT[operation]} within ${timeoutMs} ms; whether it was processed is unknown`,
        options,
      );
    case 'connection-reset':
      // A charge is deduplicated by its Klarna-Idempotency-Key: a reset may have lost the answer of a placed
      // order, so it is reported as unknown (ProviderTimeoutError) and the use case's one retry tells.
      if (operation === 'createOrder')
        return new ProviderTimeoutError(
          `The connection to Klarna was reset before the answer to ${WHAT[operation]} came; whether it was processed is unknown`,
          options,
        );
      return new ProviderUnavailableError(`The connection to Klarna was reset before the answer to ${WHAT[operation]} came`, options);
    case 'connection-refused':
      return new ProviderUnavailableError(
        `Klarna could not be reached to ${WHAT[operation]} (${failure.errorCode ?? 'connection refused'})`,
        options,
      );
    case 'closed':
      return new ProviderUnavailableError(`The Klarna gateway is closed; cannot ${WHAT[operation]}`, options);
    default:
      return new ProviderUnavailableError(
        `Klarna could not be reached to ${WHAT[operation]} (${failure.errorCode ?? 'network error'})`,
        options,
      );
  }
}

/** Reads ErrorV2 (also a lone `error_message`, and the extra keys real answers carry) from any body, JSON or not. */
export function readKlarnaFault(response: KlarnaHttpResponse, secrets: readonly string[]): KlarnaFault {
  const body = parseJsonObject(response.text);
  const fault: KlarnaFault = { correlationId: correlationHeader(response.headers, secrets) };
  if (!body) return fault;

  const code = body['error_code'];
  if (typeof code === 'string' && code !== '') fault.providerCode = clean(code, secrets);
  const messages: string[] = [];
  const listed = body['error_messages'];
  if (Array.isArray(listed)) messages.push(...listed.filter((m): m is string => typeof m === 'string'));
  if (typeof body['error_message'] === 'string') messages.push(body['error_message']);
  // Real answers add these to ErrorV2 (the speakeasy copy of the document lists them); kept in words, not
  // Klarna's key names. authorized_payment_method(_v1) describes a payment, not the failure: left out.
  if (typeof body['reason'] === 'string') messages.push(`Reason: ${body['reason']}`);
  if (typeof body['fraud_status'] === 'string') messages.push(`Fraud status: ${body['fraud_status']}`);
  if (messages.length > 0) fault.providerMessages = messages.slice(0, MAX_MESSAGES).map((m) => clean(m, secrets));
  if (typeof body['correlation_id'] === 'string' && body['correlation_id'] !== '')
    fault.correlationId = clean(body['correlation_id'], secrets);
  return fault;
}

// Klarna's 400 messages name the field: "Bad value: purchase_country", "Not matching fields: [billing_address.postal_code]".
const FIELD_MESSAGE =
  /^(Bad value|Invalid value|Missing value|Missing field|Not matching fields?)\s*:\s*\[?([A-Za-z0-9_.,\s]+?)\]?\s*(?:\((.+)\))?$/;

function fieldErrorsFrom(fault: KlarnaFault): FieldError[] {
  const errors: FieldError[] = [];
  for (const message of fault.providerMessages ?? []) {
    const match = FIELD_MESSAGE.exec(message.trim());
    if (!match) continue;
    const reason =
      match[3] ??
      (match[1].startsWith('Missing')
        ? 'is required'
        : match[1].startsWith('Not matching')
          ? 'does not match the session'
          : 'was refused by Klarna');
    for (const path of match[2]
      .split(',')
      .map((p) => p.trim())
      .filter((p) => /^[a-z0-9_.]+$/.test(p))) {
      errors.push({ field: toDomainFieldPath(path), message: reason });
    }
  }
  return errors.length > 0
    ? errors
    : [{ field: 'request', message: `was refused by Klarna${fault.providerCode ? ` (${fault.providerCode})` : ''}` }];
}

function correlationHeader(headers: KlarnaHttpResponse['headers'], secrets: readonly string[]): string | undefined {
  const value = headerValue(headers, 'klarna-correlation-id');
  return value ? clean(value, secrets) : undefined;
}

function clean(text: string, secrets: readonly string[]): string {
  return cleanProviderText(text, secrets, MAX_TEXT);
}
