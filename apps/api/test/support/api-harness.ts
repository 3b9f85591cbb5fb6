import type { Clock } from '@paytokens/domain';
import { request, type Dispatcher } from 'undici';
import { startApp, type StartedApp } from '../../src/bootstrap';
import type { Environment } from '../../src/config/environment';

/** The API key the e2e apps accept. */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

/** An app booted as main boots it, on 127.0.0.1 port 0, with simulators on port 0 when simulating. */
export interface TestApi extends StartedApp {
  call(method: Dispatcher.HttpMethod, path: string, options?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** One call's options: a JSON body (or raw text), headers, and the key (`null`: none). */
export interface CallOptions {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  apiKey?: string | null;
}

/** What came back. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Boots the app with the simulators, a known API key and the given overrides. */
export async function startTestApi(env: Environment = {}, options: { klarnaClock?: Clock } = {}): Promise<TestApi> {
  const started = await startApp({
    env: { HOST: '127.0.0.1', PORT: '0', SIMULATE_PROVIDERS: 'true', API_KEYS: TEST_API_KEY, ...env },
    simulatorClocks: { klarna: options.klarnaClock },
  });
  return {
    ...started,
    call: (method, path, callOptions) => call(started.url, method, path, callOptions),
    close: () => started.app.close(),
  };
}

/** One HTTP call over a real connection. */
export async function call(baseUrl: string, method: Dispatcher.HttpMethod, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? TEST_API_KEY : options.apiKey;
  if (apiKey !== null) headers['authorization'] ??= `Bearer ${apiKey}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await request(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, body: parsed };
}

/** A valid customer-token body for `authorizationToken`. */
export function customerTokenBody(authorizationToken: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    authorizationToken,
    purchaseCountry: 'GB',
    purchaseCurrency: 'GBP',
    locale: 'en-GB',
    description: 'Monthly box subscription',
    intendedUse: 'SUBSCRIPTION',
    ...overrides,
  };
}

/** Mints an authorization through the simulator route. */
export async function mintAuthorization(api: TestApi, json: Record<string, unknown> = {}): Promise<string> {
  const minted = await api.call('POST', '/v1/simulator/klarna/authorizations', { json });
  if (minted.status !== 201) throw new Error(`mint failed: ${minted.status} ${minted.text}`);
  return minted.body.authorizationToken as string;
}
