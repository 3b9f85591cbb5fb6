import { indicatorKey, toIndicatorResult, type HealthIndicatorResultLike } from '@paytokens/provider-kit';
import type { ZenkiServices } from '../lib/create-zenki';
import { zenkiHealth } from './zenki.health';

/**
 * A @nestjs/terminus health indicator for one Zenki account (nestjs/terminus style: one per dependency).
 * Its result has terminus's shape, so `health.check([() => indicator.isHealthy()])` takes it; terminus itself
 * is not imported, so the adapter works without it.
 */
export class ZenkiHealthIndicator {
  constructor(private readonly services: Pick<ZenkiServices, 'account' | 'getAccessToken' | 'circuit'>) {}

  /** `{ [key]: { status: 'up' | 'down', account, circuit, ... } }`; key defaults to `zenki` (or `zenki:<account>`). */
  async isHealthy(key = indicatorKey('zenki', this.services.account)): Promise<HealthIndicatorResultLike> {
    return toIndicatorResult(key, await zenkiHealth(this.services));
  }
}
