import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProvidersModule } from '../providers/providers.module';
import { HealthController } from './health.controller';
import { KlarnaReadiness } from './klarna.readiness';
import { ReadinessCache } from './readiness-cache';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { RedisReadiness } from './redis.readiness';
import { ZenkiReadiness } from './zenki.readiness';

/** GET /health/live and /health/ready. A new dependency adds its check to READINESS_CHECKS here; Redis only when configured. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), ProvidersModule],
  controllers: [HealthController],
  providers: [
    ReadinessCache,
    KlarnaReadiness,
    ZenkiReadiness,
    RedisReadiness,
    {
      provide: READINESS_CHECKS,
      useFactory: (klarna: ReadinessCheck, zenki: ReadinessCheck, redis: RedisReadiness): ReadinessCheck[] =>
        redis.applies ? [klarna, zenki, redis] : [klarna, zenki],
      inject: [KlarnaReadiness, ZenkiReadiness, RedisReadiness],
    },
  ],
  exports: [ReadinessCache],
})
export class HealthModule {}
