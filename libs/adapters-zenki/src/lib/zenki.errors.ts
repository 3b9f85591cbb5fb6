import {
  ConflictError,
  NotFoundError,
  ProviderAuthenticationError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  RateLimitedError,
  ValidationError,
  type FieldError,
  type PaytokensError,
  type PaytokensErrorOptions,
} from '@paytokens/domain';
import { parseJsonObject, scrubSecrets, waitSeconds } from '@paytokens/provider-kit';
import { ZENKI_PROVIDER, type ZenkiHttpResponse } from './zenki-http.client';

// Zenki's `error` values (and description) that mean "these client credentials are wrong".
const BAD_CREDENTIAL_CODES = new Set(['unauthorized_client', 'invalid_client']);
const BAD_CREDENTIAL_DESCRIPTION = /invalid identity/i;

/** The token endpoint's failure answer (`AuthenticationErrorResponse`), read leniently. */
interface AuthenticationFault {
  error?: string;
  errorDescription?: string;
}

/** Maps a non-2xx answer of `POST /v1/oauth/tokens` to the domain's errors. */
export function mapTokenEndpointError(response: ZenkiHttpResponse, secrets: readonly string[]): PaytokensError {
  const fault = readAuthenticationFault(response.text, secrets);
  const status = response.status;
  const options: PaytokensErrorOptions = {
    provider: ZENKI_PROVIDER,
    providerCode: fault.error,
    providerMessages: fault.errorDescription ? [fault.errorDescription] : undefined,
    providerStatus: status,
    retryAfterSeconds: status === 429 || status === 503 ? waitSeconds(response.headers) : undefined,
  };
  const said = describeFault(fault);
  if (status === 401 || status === 403 || (status === 400 && isBadCredentials(fault))) {
    return new ProviderAuthenticationError(
      `Zenki refused the client credentials${said}: check the configured clientId and clientSecret (not retried)`,
      options,
    );
  }
  if (status === 400 || status === 415 || status === 422) {
    const message = fault.errorDescription ?? fault.error ?? 'refused as invalid';
    return new ValidationError(
      [{ field: 'tokenRequest', message }],
      Object.assign({}, options, { message: `Zenki refused the token request as invalid${said}` }),
    );
  }
  if (status === 408) return new ProviderTimeoutError(`Zenki timed out on the token request${said}`, options);
  if (status === 429) return new RateLimitedError(`Zenki rate-limited the token request${said}`, options);
  if (status >= 500) return new ProviderUnavailableError(`Zenki answered ${status} to the token request${said}`, options);
  // 404, 405 and the like: the base URL is probably wrong; retrying would not help.
  return new ProviderUnavailableError(`Zenki answered ${status} to the token request${said}: check baseUrl`, options);
}

/** Zenki's general failure answer (`ErrorResponse`), read leniently. */
interface ApiFault {
  requestId?: string;
  title?: string;
  humanMessage?: string;
  errorCode?: string;
  validationErrors: FieldError[];
}

/** Maps a non-2xx answer of any other Zenki operation to the domain's errors. */
export function mapApiError(response: ZenkiHttpResponse, operation: string, secrets: readonly string[]): PaytokensError {
  const fault = readApiFault(response.text, secrets);
  const status = response.status;
  const messages = [fault.title, fault.humanMessage].filter((m): m is string => !!m);
  const options: PaytokensErrorOptions = {
    provider: ZENKI_PROVIDER,
    providerCode: fault.errorCode,
    providerMessages: messages.length ? messages : undefined,
    correlationId: fault.requestId,
    providerStatus: status,
    retryAfterSeconds: status === 429 || status === 503 ? waitSeconds(response.headers) : undefined,
  };
  const said = messages.length ? `: ${messages[0]}` : '';
  if (status === 401)
    return new ProviderAuthenticationError(`Zenki refused the access token for ${operation}, a freshly issued one too${said}`, options);
  if (status === 403) return new ProviderAuthenticationError(`Zenki denied access to ${operation}${said}`, options);
  if (status === 404) return new NotFoundError(`Zenki found nothing for ${operation}${said}`, options);
  if (status === 409) return new ConflictError(`Zenki refused ${operation} as conflicting${said}`, options);
  if (status === 429) return new RateLimitedError(`Zenki rate-limited ${operation}${said}`, options);
  if (status === 408 || status === 504) return new ProviderTimeoutError(`Zenki timed out on ${operation}${said}`, options);
  if (status >= 500) return new ProviderUnavailableError(`Zenki answered ${status} to ${operation}${said}`, options);
  const errors = fault.validationErrors.length
    ? fault.validationErrors
    : [{ field: 'request', message: messages[0] ?? `refused with ${status}` }];
  return new ValidationError(errors, Object.assign({}, options, { message: `Zenki refused ${operation} as invalid (${status})${said}` }));
}

function isBadCredentials(fault: AuthenticationFault): boolean {
  return (
    (fault.error !== undefined && BAD_CREDENTIAL_CODES.has(fault.error)) || BAD_CREDENTIAL_DESCRIPTION.test(fault.errorDescription ?? '')
  );
}

function describeFault(fault: AuthenticationFault): string {
  if (fault.error && fault.errorDescription) return ` (${fault.error}: ${fault.errorDescription})`;
  const one = fault.error ?? fault.errorDescription;
  return one ? ` (${one})` : '';
}

function readAuthenticationFault(text: string, secrets: readonly string[]): AuthenticationFault {
  const body = parseJsonObject(text);
  return { error: safeString(body?.['error'], secrets), errorDescription: safeString(body?.['errorDescription'], secrets) };
}

function readApiFault(text: string, secrets: readonly string[]): ApiFault {
  const body = parseJsonObject(text);
  const code = body?.['errorCode'];
  const validationErrors: FieldError[] = [];
  const rawErrors = body?.['validationErrors'];
  if (Array.isArray(rawErrors)) {
    for (const item of rawErrors as Record<string, unknown>[]) {
      const field = safeString(item?.['field'], secrets);
      const message = safeString(item?.['message'], secrets);
      if (field && message) validationErrors.push({ field, message });
    }
  }
  return {
    requestId: safeString(body?.['requestId'], secrets),
    title: safeString(body?.['title'], secrets),
    humanMessage: safeString(body?.['humanMessage'], secrets),
    errorCode: typeof code === 'number' || typeof code === 'string' ? safeString(String(code), secrets) : undefined,
    validationErrors,
  };
}

function safeString(value: unknown, secrets: readonly string[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // Bounded, so a hostile or broken answer cannot blow up logs.
  return scrubSecrets(value, secrets).slice(0, 300);
}
