import { KlarnaSimulator, SIMULATOR_PASSWORD, SIMULATOR_USERNAME } from '@paytokens/adapters-klarna/simulator';
import { ZENKI_SIMULATOR_CLIENT_ID, ZENKI_SIMULATOR_CLIENT_SECRET, ZenkiSimulator } from '@paytokens/adapters-zenki/simulator';
import { Agent, request } from 'undici';
import type { Environment } from '../../../src/config/environment';
import { TEST_API_KEY } from '../../support/api-harness';

/** One Klarna and one Zenki simulator that several app instances share, as real instances share the real providers. */
export interface ExternalProviders {
  klarna: KlarnaSimulator;
  zenki: ZenkiSimulator;
  /** The variables that point an app at them (SIMULATE_PROVIDERS=false). */
  env: Environment;
  close(): Promise<void>;
}

/** Starts both simulators on loopback, any free port. */
export async function startExternalProviders(): Promise<ExternalProviders> {
  const klarna = await KlarnaSimulator.start();
  const zenki = await ZenkiSimulator.start();
  return {
    klarna,
    zenki,
    env: {
      SIMULATE_PROVIDERS: 'false',
      KLARNA_BASE_URL: klarna.url,
      KLARNA_USERNAME: SIMULATOR_USERNAME,
      KLARNA_PASSWORD: SIMULATOR_PASSWORD,
      ZENKI_BASE_URL: zenki.url,
      ZENKI_CLIENT_ID: ZENKI_SIMULATOR_CLIENT_ID,
      ZENKI_CLIENT_SECRET: ZENKI_SIMULATOR_CLIENT_SECRET,
    },
    close: async () => {
      await klarna.close();
      await zenki.close();
    },
  };
}

/** What a client whose own deadline passed sees: nothing (it gave up), or the answer in time. */
export type TimedAnswer = { aborted: true } | { aborted: false; status: number; body: unknown };

/**
 * A POST by a client that gives up after `deadlineMs`, as an HTTP client with a timeout does: the request
 * is aborted and the connection closed while the server may still be working on it.
 */
export async function postWithDeadline(
  baseUrl: string,
  path: string,
  json: unknown,
  headers: Record<string, string>,
  deadlineMs: number,
): Promise<TimedAnswer> {
  // A client of its own, destroyed afterwards: the aborted exchange leaves no socket behind to delay the app's shutdown.
  const agent = new Agent();
  try {
    const response = await request(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
      signal: AbortSignal.timeout(deadlineMs),
      dispatcher: agent,
    });
    const text = await response.body.text();
    return { aborted: false, status: response.statusCode, body: text ? JSON.parse(text) : undefined };
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') return { aborted: true };
    throw error;
  } finally {
    await agent.destroy();
  }
}

/**
 * GET /health/ready (public), read directly rather than through the harness's `call`: the harness records every
 * `accessToken` field of an answer as a secret for its log-leak check, and readiness's `accessToken: 'available'`
 * is a state, not a token; recorded, the words "available"/"unavailable" in any log line would count as leaks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readiness(api: { url: string }): Promise<{ status: number; text: string; body: any }> {
  const response = await request(`${api.url}/health/ready`);
  const text = await response.body.text();
  return { status: response.statusCode, text, body: JSON.parse(text) };
}

/** Polls `condition` every `intervalMs` until it holds or `timeoutMs` passed; resolves to whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, intervalMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
