import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { RedisStores } from '../lib/redis-stores';
import { InjectRedisStores } from '../nest/paytokens-redis.decorators';

/**
 * The Redis stores as a terminus indicator: up with the PING latency, or down; both with `kind`, `tokenCache`
 * (`shared` or `in-process fallback`) and `idempotency` (`available` or `unavailable`). Provide it next to
 * `TerminusModule` and call `isHealthy()` from a `HealthCheckService.check([...])`.
 */
@Injectable()
export class PaytokensRedisHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @InjectRedisStores() private readonly stores: RedisStores,
  ) {}

  /** `{ [key]: { status, ...details } }`, as terminus expects; never throws. */
  async isHealthy(key = 'redis'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const { status, ...details } = await this.stores.health();
    return status === 'up' ? indicator.up(details) : indicator.down(details);
  }
}
