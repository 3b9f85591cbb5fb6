import { isPaytokensError } from '@paytokens/domain';
import type { ProviderHealth } from '@paytokens/provider-kit';
import type { ZenkiServices } from '../lib/create-zenki';

/**
 * A Zenki account's health, without Nest: up when an access token can be had, from the cache while it is warm,
 * else fetched through the account's own pool (which warms it), so it also proves the credentials work. Down
 * while the circuit is open, even though a cached token may still be served (the details say so). Never shows the token.
 */
export async function zenkiHealth(services: Pick<ZenkiServices, 'account' | 'getAccessToken' | 'circuit'>): Promise<ProviderHealth> {
  const base = { provider: 'zenki', account: services.account };
  let details: Record<string, unknown>;
  let available: boolean;
  try {
    const token = await services.getAccessToken.execute();
    available = true;
    details = { accessToken: 'available', expiresIn: token.expiresInSecondsAt(Date.now()) };
  } catch (error) {
    available = false;
    details = { accessToken: 'unavailable', code: isPaytokensError(error) ? error.code : 'UNKNOWN' };
  }
  const circuit = services.circuit.state;
  if (circuit === 'open') return { ...base, status: 'down', ...details, circuit, retryAfterSeconds: services.circuit.retryAfterSeconds };
  return { ...base, status: available ? 'up' : 'down', ...details, circuit };
}
