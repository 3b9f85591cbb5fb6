import { type ProviderHealth, TransportFailure } from '@paytokens/provider-kit';
import type { KlarnaServices } from '../lib/create-klarna';

/** How long the reachability probe may take. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * A Klarna account's health, without Nest: down while its circuit is open (calls fail fast, no probe sent),
 * else up when the base URL answers HTTP at all through the gateway's own pool. It checks the network path,
 * not the credentials (the probe carries none).
 */
export async function klarnaHealth(
  services: Pick<KlarnaServices, 'account' | 'gateway' | 'circuit'>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProviderHealth> {
  const base = { provider: 'klarna', account: services.account };
  const circuit = services.circuit.state;
  if (circuit === 'open') return { ...base, status: 'down', circuit, retryAfterSeconds: services.circuit.retryAfterSeconds };
  try {
    await services.gateway.probe(timeoutMs);
    return { ...base, status: 'up', circuit, reachable: true };
  } catch (error) {
    const reason = error instanceof TransportFailure ? (error.errorCode ?? error.kind) : 'unreachable';
    return { ...base, status: 'down', circuit, reachable: false, reason };
  }
}
