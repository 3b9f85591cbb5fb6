import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { limitsConfig, type LimitsConfig } from '../config/limits.config';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

/** A readiness answer: the report and its HTTP status. */
export interface ReadinessAnswer {
  status: 200 | 503;
  report: HealthCheckResult;
}

/** Answer while the process shuts down: no check runs, so a load balancer stops sending traffic at once. */
const DRAINING: ReadinessAnswer = {
  status: 503,
  report: {
    status: 'error',
    info: {},
    error: { shutdown: { status: 'down', reason: 'draining' } },
    details: { shutdown: { status: 'down', reason: 'draining' } },
  },
};

/**
 * `/health/ready`'s answer, from the last check for `READINESS_CACHE_MS`: concurrent probes share one
 * check, so however many probes arrive, the providers see at most one probe request per period.
 * Once draining (shutdown began) it answers 503 without checking anything.
 */
@Injectable()
export class ReadinessCache {
  private last?: { answer: ReadinessAnswer; at: number };
  private running?: Promise<ReadinessAnswer>;
  private draining = false;

  constructor(
    private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
    @Inject(limitsConfig.KEY) private readonly limits: LimitsConfig,
  ) {}

  /** The cached answer while fresh, else the answer of one shared new check. */
  async answer(): Promise<ReadinessAnswer> {
    if (this.draining) return DRAINING;
    const now = performance.now();
    if (this.last && now - this.last.at < this.limits.readinessCacheMs) return this.last.answer;
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  /** From now on readiness answers 503 (shutdown started). */
  startDraining(): void {
    this.draining = true;
  }

  private async check(): Promise<ReadinessAnswer> {
    let answer: ReadinessAnswer;
    try {
      answer = { status: 200, report: await this.health.check(this.checks.map((check) => () => check.check())) };
    } catch (error) {
      // Terminus throws its report as a 503; it is the answer, not an error to turn into a problem.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      answer = { status: 503, report: error.getResponse() as HealthCheckResult };
    }
    this.last = { answer, at: performance.now() };
    return answer;
  }
}
