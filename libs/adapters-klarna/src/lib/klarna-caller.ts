import { isPaytokensError, Secret } from '@paytokens/domain';
import {
  elapsedMs,
  headerValue,
  notifyProviderCall,
  type ProviderCircuit,
  TransportFailure,
  type ProviderCallEvent,
} from '@paytokens/provider-kit';
import { KlarnaHttpClient, type KlarnaHttpRequest, type KlarnaHttpResponse } from './klarna-http.client';
import type { ResolvedKlarnaOptions } from './klarna-options';
import { klarnaUserAgent } from './klarna-user-agent';
import { mapKlarnaErrorResponse, mapKlarnaTransportFailure, type KlarnaOperation } from './klarna.errors';

/** The provider name every Klarna error and event carries. */
export const KLARNA_PROVIDER = 'klarna';

/**
 * One account's way to Klarna, shared by every Klarna gateway of the account: one HTTP pool, one circuit
 * breaker, one call event per attempt, and the domain's errors for every failure.
 */
export class KlarnaCaller {
  private readonly http: KlarnaHttpClient;

  constructor(
    readonly config: ResolvedKlarnaOptions,
    readonly circuit: ProviderCircuit,
  ) {
    const basic = Buffer.from(`${config.username}:${config.password.reveal()}`, 'utf8').toString('base64');
    this.http = new KlarnaHttpClient({
      baseUrl: config.baseUrl,
      authorization: new Secret(`Basic ${basic}`),
      userAgent: klarnaUserAgent(),
      timeoutMs: config.timeoutMs,
      connections: config.connections,
    });
  }

  /**
   * One operation through the circuit breaker: sends the request, turns a failure into the domain's error,
   * reads a 2xx answer with `read`, and reports every HTTP attempt (and a refusal by the open circuit).
   * `secrets` (beside the password) are scrubbed from anything Klarna said.
   */
  async call<T>(
    operation: KlarnaOperation,
    request: KlarnaHttpRequest,
    read: (response: KlarnaHttpResponse) => T,
    secrets: string[] = [],
  ): Promise<T> {
    const account = this.config.account;
    const timeoutMs = request.timeoutMs ?? this.config.timeoutMs;
    const refused = () => this.report({ provider: KLARNA_PROVIDER, account, operation, outcome: 'circuit-open', durationMs: 0 });
    return this.circuit.execute(async () => {
      let attempt = 1;
      let startedAt = performance.now();
      let response: KlarnaHttpResponse | undefined;
      try {
        try {
          response = await this.http.send(request, (failure, durationMs) => {
            const outcome = mapKlarnaTransportFailure(operation, failure, timeoutMs).code;
            this.report({
              provider: KLARNA_PROVIDER,
              account,
              operation,
              outcome,
              durationMs: Math.round(durationMs * 100) / 100,
              attempt,
            });
            attempt += 1;
            startedAt = performance.now();
          });
        } catch (error) {
          if (error instanceof TransportFailure) throw mapKlarnaTransportFailure(operation, error, timeoutMs);
          throw error;
        }
        if (response.status < 200 || response.status > 299) throw mapKlarnaErrorResponse(operation, response, this.secrets(secrets));
        const result = read(response);
        this.report(callEvent(account, operation, 'success', startedAt, attempt, response));
        return result;
      } catch (error) {
        this.report(
          callEvent(account, operation, isPaytokensError(error) ? error.code : 'PROVIDER_UNAVAILABLE', startedAt, attempt, response, error),
        );
        throw error;
      }
    }, refused);
  }

  /** The password and `extra`: what must never leave in an error. */
  secrets(extra: string[] = []): string[] {
    return [this.config.password.reveal(), ...extra];
  }

  /** Whether Klarna's base URL answers HTTP (any status; no credentials sent), through the account's pool. */
  probe(timeoutMs: number): Promise<number> {
    return this.http.probe(timeoutMs);
  }

  /** Ends the pool (waits for calls in flight). */
  close(): Promise<void> {
    return this.http.close();
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.http.closed;
  }

  private report(event: ProviderCallEvent): void {
    notifyProviderCall(this.config.onProviderCall, event);
  }
}

/** The event of a finished attempt; the correlation id from Klarna's header or, on failure, the error. */
function callEvent(
  account: string,
  operation: KlarnaOperation,
  outcome: ProviderCallEvent['outcome'],
  startedAt: number,
  attempt: number,
  response?: KlarnaHttpResponse,
  error?: unknown,
): ProviderCallEvent {
  const fromHeader = response ? headerValue(response.headers, 'klarna-correlation-id') : undefined;
  // The error's id was already cleaned by the mapper; a raw header is taken only when it looks like an id.
  const correlationId =
    (error as { correlationId?: string } | undefined)?.correlationId ??
    (fromHeader && /^[\w.:-]{1,128}$/.test(fromHeader) ? fromHeader : undefined);
  const event: ProviderCallEvent = { provider: KLARNA_PROVIDER, account, operation, outcome, durationMs: elapsedMs(startedAt), attempt };
  if (response) event.status = response.status;
  if (correlationId) event.correlationId = correlationId;
  return event;
}

/** The JSON of an answer body, `undefined` when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
