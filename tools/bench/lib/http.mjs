// Small HTTP helpers for the orchestrator: wait for a server, fetch JSON. Loopback only.
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

// Its own agent, closed at the end, so that polling connections never linger.
const agent = new Agent({ keepAliveTimeout: 1_000, connect: { timeout: 1_000 } });

/**
 * Polls `url` every `intervalMs` until it answers `status`; resolves with the milliseconds waited.
 * Rejects after `timeoutMs` or as soon as `isGone()` says the server process has exited.
 */
export async function waitForStatus(url, { status = 200, timeoutMs = 15_000, intervalMs = 5, isGone = () => false } = {}) {
  const started = performance.now();
  let last = 'no answer';
  while (performance.now() - started < timeoutMs) {
    if (isGone()) throw new Error(`the server exited while waiting for ${url} (${last})`);
    try {
      const response = await request(url, { dispatcher: agent, headersTimeout: 2_000, bodyTimeout: 2_000 });
      await response.body.dump();
      if (response.statusCode === status) return performance.now() - started;
      last = `HTTP ${response.statusCode}`;
    } catch (error) {
      last = error.code ?? error.message;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** One JSON request; resolves with `{ status, body }`. */
export async function requestJson(url, { method = 'GET', headers = {}, body } = {}) {
  const response = await request(url, {
    method,
    dispatcher: agent,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    headersTimeout: 5_000,
    bodyTimeout: 5_000,
  });
  const text = await response.body.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.statusCode, body: parsed, headers: response.headers };
}

/** Closes the helpers' connections. */
export function closeHttp() {
  return agent.close();
}
