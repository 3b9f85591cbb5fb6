import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ReadinessCache } from './readiness-cache';

/** Liveness's fixed answer: nothing is checked, so a probe costs nothing. */
const LIVE: HealthCheckResult = { status: 'ok', info: {}, error: {}, details: {} };

/** Liveness and readiness probes; public (no API key), as orchestrators call them. */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessCache) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  live(): HealthCheckResult {
    return LIVE;
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: every provider (and store, when configured) can be used; from a check cached a few seconds, 503 once shutdown began',
  })
  @ApiOkResponse({ description: 'Every check is up.' })
  @ApiServiceUnavailableResponse({ description: 'At least one check is down; `error` says which.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const { status, report } = await this.readiness.answer();
    reply.status(status);
    return report;
  }
}
