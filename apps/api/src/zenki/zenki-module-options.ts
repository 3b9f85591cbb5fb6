import type { ZenkiModuleOptions } from '@paytokens/adapters-zenki';
import type { AccessTokenEvent } from '@paytokens/domain';
import type { ZenkiConfig } from '../config/zenki.config';
import { SIMULATOR_CREDENTIALS, type ProviderSimulators } from '../simulation/provider-simulators';

/**
 * ZenkiModule's options from the `zenki` namespace. While simulating, the adapter talks to the embedded
 * simulator with its credentials (real ones in the environment are never sent to it); timeout and skew still apply.
 * `onTokenEvent` hears every token cache hit, miss, fetch and failure (metrics and logs).
 */
export function zenkiModuleOptions(
  config: ZenkiConfig,
  simulators: ProviderSimulators | null,
  onTokenEvent?: (event: AccessTokenEvent) => void,
): ZenkiModuleOptions {
  const tuning = { timeoutMs: config.timeoutMs, tokenSkewSeconds: config.tokenSkewSeconds, onTokenEvent };
  if (simulators) return { ...SIMULATOR_CREDENTIALS.zenki, baseUrl: simulators.zenki.url, ...tuning };
  // Configuration validation refused to start without both; the adapter re-checks.
  return { clientId: config.clientId ?? '', clientSecret: config.clientSecret ?? '', baseUrl: config.baseUrl, ...tuning };
}
