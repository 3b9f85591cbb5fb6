import { Secret } from '@paytokens/domain';
import {
  KLARNA_ENVIRONMENTS,
  KLARNA_REGIONS,
  klarnaBaseUrl,
  type KlarnaEnvironment,
  type KlarnaRegion,
} from './klarna-base-url';
import type { ProviderCallListener } from './provider-call-event';
import { resolveCircuitBreaker, type CircuitBreakerOptions, type CircuitBreakerSettings } from './provider-circuit';

/** How to reach Klarna: the API credentials and where and how long to wait. */
export interface KlarnaGatewayOptions {
  /** The API username (Klarna's "UID", e.g. `PK12345_abcdef`). */
  username: string;
  /** The API password; pass a {@link Secret} to keep it out of your own logs too. */
  password: string | Secret;
  /** Default `eu`. */
  region?: KlarnaRegion;
  /** Default `playground`. */
  environment?: KlarnaEnvironment;
  /** Overrides region and environment (a proxy, the simulator). An http(s) URL without credentials, query or fragment. */
  baseUrl?: string;
  /** Per-request deadline in milliseconds, connecting included. Default 10 000. */
  timeoutMs?: number;
  /** Most sockets kept open to Klarna. Default 16. */
  connections?: number;
  /** The circuit breaker: opens after `consecutiveFailures` faults in a row (default 5) for `halfOpenAfterMs` (default 10 000); `false` turns it off. */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Told about every HTTP call to Klarna (and every call the open circuit refused): for metrics and logs. */
  onProviderCall?: ProviderCallListener;
}

/** Start-up refusal of bad Klarna options. Names the fields, never echoes their values. */
export class InvalidKlarnaOptionsError extends Error {
  /** The option names that were refused. */
  readonly fields: readonly string[];

  constructor(problems: readonly { field: string; message: string }[]) {
    super(`Invalid Klarna options: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
    this.name = 'InvalidKlarnaOptionsError';
    this.fields = problems.map((p) => p.field);
  }
}

/** Validated, defaulted Klarna settings. The password is a Secret, so printing this shows no credential. */
export class KlarnaGatewayConfig {
  private constructor(
    readonly username: string,
    readonly password: Secret,
    readonly baseUrl: string,
    readonly timeoutMs: number,
    readonly connections: number,
    /** The circuit breaker's settings; `false` when it is off. */
    readonly circuitBreaker: CircuitBreakerSettings | false,
    readonly onProviderCall?: ProviderCallListener,
  ) {
    Object.freeze(this);
  }

  /** Validates options (all problems at once) and applies the defaults. */
  static from(options: KlarnaGatewayOptions): KlarnaGatewayConfig {
    const problems: { field: string; message: string }[] = [];
    const raw = (typeof options === 'object' && options !== null ? options : {}) as Partial<Record<keyof KlarnaGatewayOptions, unknown>>;

    const username = raw.username;
    if (typeof username !== 'string' || username.trim() === '') problems.push({ field: 'username', message: 'is required' });
    // RFC 7617: the Basic user-id cannot contain a colon; control characters would corrupt the header.
    else if (username.includes(':') || /\p{Cc}/u.test(username)) {
      problems.push({ field: 'username', message: 'must not contain ":" or control characters' });
    }

    // Duck-typed, so that a Secret from another copy of @paytokens/domain works too.
    const password = typeof (raw.password as Secret | undefined)?.reveal === 'function' ? (raw.password as Secret).reveal() : raw.password;
    if (typeof password !== 'string' || password === '') problems.push({ field: 'password', message: 'is required' });

    const region = raw.region ?? 'eu';
    if (!KLARNA_REGIONS.includes(region as KlarnaRegion)) problems.push({ field: 'region', message: `must be one of ${KLARNA_REGIONS.join(', ')}` });
    const environment = raw.environment ?? 'playground';
    if (!KLARNA_ENVIRONMENTS.includes(environment as KlarnaEnvironment)) {
      problems.push({ field: 'environment', message: `must be one of ${KLARNA_ENVIRONMENTS.join(', ')}` });
    }

    let baseUrl: string | undefined;
    if (raw.baseUrl !== undefined) {
      baseUrl = parseBaseUrl(raw.baseUrl);
      if (baseUrl === undefined) {
        problems.push({ field: 'baseUrl', message: 'must be an http(s) URL without credentials, query or fragment' });
      }
    }

    const timeoutMs = raw.timeoutMs ?? 10_000;
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 2_147_483_647) {
      problems.push({ field: 'timeoutMs', message: 'must be a positive number of milliseconds' });
    }
    const connections = raw.connections ?? 16;
    if (typeof connections !== 'number' || !Number.isInteger(connections) || connections < 1) {
      problems.push({ field: 'connections', message: 'must be a positive integer' });
    }

    const circuitBreaker = resolveCircuitBreaker(raw.circuitBreaker, problems);
    if (raw.onProviderCall !== undefined && typeof raw.onProviderCall !== 'function') problems.push({ field: 'onProviderCall', message: 'must be a function' });

    if (problems.length > 0) throw new InvalidKlarnaOptionsError(problems);
    return new KlarnaGatewayConfig(
      username as string,
      new Secret(password as string),
      baseUrl ?? klarnaBaseUrl(region as KlarnaRegion, environment as KlarnaEnvironment),
      timeoutMs as number,
      connections as number,
      circuitBreaker,
      raw.onProviderCall as ProviderCallListener | undefined,
    );
  }
}

/** The URL without a trailing slash, or undefined when it is not a plain http(s) URL. */
function parseBaseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Credentials in a URL end up in logs; query and fragment would corrupt the paths appended to it.
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
