import { SIMULATOR_PASSWORD } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_SECRET } from '@paytokens/adapters-zenki/simulator';
import type { Clock } from '@paytokens/domain';
import { request, type Dispatcher } from 'undici';
import { startApp, type StartedApp } from '../../src/bootstrap';
import type { Environment } from '../../src/config/environment';
import { describeLeaks, findLeaks, LogCapture, SensitiveValues } from './log-leaks';

/** The API key the e2e apps accept. */
export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

// The log-leak check: every app startTestApi boots logs into `capturedLogs`; every secret and personal value
// sent or received through `call` is recorded; after the test file, no log line may show one of them.
const capturedLogs = new LogCapture();
const sensitiveValues = new SensitiveValues();
for (const secret of [TEST_API_KEY, SIMULATOR_PASSWORD, ZENKI_SIMULATOR_CLIENT_SECRET]) sensitiveValues.add(secret, 'secret');
afterAll(() => {
  const leaks = findLeaks(capturedLogs.lines, sensitiveValues);
  if (leaks.length > 0) throw new Error(describeLeaks(leaks));
});

/** The secret and personal values this test file sent or received that show in `lines` (spans as JSON, say). */
export function leaksIn(lines: readonly string[]): string {
  const leaks = findLeaks(lines, sensitiveValues);
  return leaks.length > 0 ? describeLeaks(leaks) : '';
}

/** An app booted as main boots it, on 127.0.0.1 port 0, with simulators on port 0 when simulating. */
export interface TestApi extends StartedApp {
  call(method: Dispatcher.HttpMethod, path: string, options?: CallOptions): Promise<ApiResponse>;
  close(): Promise<void>;
  /** Every log line of every app this test file booted with startTestApi (checked for leaks after the file). */
  logs: LogCapture;
}

/** One call's options: a JSON body (or raw text), headers, and the key (`null`: none). */
export interface CallOptions {
  json?: unknown;
  body?: string;
  /** An array sends the header once per value. */
  headers?: Record<string, string | string[]>;
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
  const fullEnv: Environment = { HOST: '127.0.0.1', PORT: '0', SIMULATE_PROVIDERS: 'true', API_KEYS: TEST_API_KEY, ...env };
  for (const name of ['API_KEYS', 'METRICS_API_KEY'])
    for (const key of fullEnv[name]?.split(',') ?? []) sensitiveValues.add(key.trim(), 'secret');
  for (const name of ['KLARNA_PASSWORD', 'ZENKI_CLIENT_SECRET', 'REDIS_PASSWORD']) sensitiveValues.add(fullEnv[name], 'secret');
  // Key material of every Redis key ring (REDIS_ENCRYPTION_KEYS and the accounts' own): `id:base64` entries.
  for (const [name, ring] of Object.entries(fullEnv)) {
    if (name.endsWith('REDIS_ENCRYPTION_KEYS'))
      for (const entry of ring?.split(',') ?? []) sensitiveValues.add(entry.slice(entry.indexOf(':') + 1).trim(), 'secret');
  }
  const started = await startApp({ env: fullEnv, simulatorClocks: { klarna: options.klarnaClock }, logDestination: capturedLogs });
  return {
    ...started,
    call: (method, path, callOptions) => call(started.url, method, path, callOptions),
    close: () => started.app.close(),
    logs: capturedLogs,
  };
}

/** One HTTP call over a real connection. */
export async function call(baseUrl: string, method: Dispatcher.HttpMethod, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string | string[]> = { ...options.headers };
  const apiKey = options.apiKey === undefined ? TEST_API_KEY : options.apiKey;
  if (apiKey !== null) headers['authorization'] ??= `Bearer ${apiKey}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  sensitiveValues.addRequest(path, headers, body);
  const response = await request(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  sensitiveValues.addFieldsOf(parsed, 'response');
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
