import { indicatorKey, toIndicatorResult, type HealthIndicatorResultLike } from '@paytokens/provider-kit';
import type { KlarnaServices } from '../lib/create-klarna';
import { klarnaHealth } from './klarna.health';

/**
 * A @nestjs/terminus health indicator for one Klarna account (nestjs/terminus style: one per dependency).
 * Its result has terminus's shape, so `health.check([() => indicator.isHealthy()])` takes it; terminus itself
 * is not imported, so the adapter works without it.
 */
export class KlarnaHealthIndicator {
  constructor(private readonly services: Pick<KlarnaServices, 'account' | 'gateway' | 'circuit'>) {}

  /** `{ [key]: { status: 'up' | 'down', account, circuit, ... } }`; key defaults to `klarna` (or `klarna:<account>`). */
  async isHealthy(key = indicatorKey('klarna', this.services.account)): Promise<HealthIndicatorResultLike> {
    return toIndicatorResult(key, await klarnaHealth(this.services));
  }
}
