import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProvidersModule } from '../providers/providers.module';
import { HealthController } from './health.controller';
import { KlarnaReadiness } from './klarna.readiness';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { ZenkiReadiness } from './zenki.readiness';

/** GET /health/live and /health/ready. A new dependency (e.g. Redis) adds its check to READINESS_CHECKS here. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), ProvidersModule],
  controllers: [HealthController],
  providers: [
    KlarnaReadiness,
    ZenkiReadiness,
    {
      provide: READINESS_CHECKS,
      useFactory: (...checks: ReadinessCheck[]): ReadinessCheck[] => checks,
      inject: [KlarnaReadiness, ZenkiReadiness],
    },
  ],
})
export class HealthModule {}
