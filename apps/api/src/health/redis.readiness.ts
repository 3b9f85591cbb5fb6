import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { PersistenceStores } from '../persistence/persistence-stores';
import type { ReadinessCheck } from './readiness-check';

/**
 * Redis, when REDIS_URL or REDIS_CLUSTER_NODES is set: up when it answers a PING. Down, idempotent creates
 * answer 503 and each instance caches its own access token (`tokenCache: 'in-process fallback'`).
 */
@Injectable()
export class RedisReadiness implements ReadinessCheck {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly stores: PersistenceStores,
  ) {}

  /** Whether there is a Redis to check (not in memory mode). */
  get applies(): boolean {
    return this.stores.mode === 'redis';
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('redis');
    const health = await this.stores.health();
    if (!health) return indicator.up({ mode: 'memory' });
    const { status, ...details } = health;
    return status === 'up' ? indicator.up(details) : indicator.down(details);
  }
}
