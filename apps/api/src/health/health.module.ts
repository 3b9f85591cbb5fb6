import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { KlarnaAccounts } from '../klarna/klarna-accounts';
import type { ProviderSimulators } from '../simulation/provider-simulators';
import { PROVIDER_SIMULATORS } from '../simulation/simulation.constants';
import { ZenkiAccounts } from '../zenki/zenki-accounts';
import { HealthController } from './health.controller';
import { klarnaReadinessChecks } from './klarna.readiness';
import { ReadinessCache } from './readiness-cache';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { RedisReadiness } from './redis.readiness';
import { zenkiReadinessChecks } from './zenki.readiness';

/**
 * GET /health/live and /health/ready. A new dependency adds its check to READINESS_CHECKS here: one per provider
 * account (from the global ProvidersModule), Redis only when configured.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    ReadinessCache,
    RedisReadiness,
    {
      provide: READINESS_CHECKS,
      useFactory: (
        klarna: KlarnaAccounts,
        zenki: ZenkiAccounts,
        simulators: ProviderSimulators | null,
        redis: RedisReadiness,
      ): ReadinessCheck[] => [
        ...klarnaReadinessChecks(klarna, simulators),
        ...zenkiReadinessChecks(zenki, simulators),
        ...(redis.applies ? [redis] : []),
      ],
      inject: [KlarnaAccounts, ZenkiAccounts, PROVIDER_SIMULATORS, RedisReadiness],
    },
  ],
  exports: [ReadinessCache],
})
export class HealthModule {}
