import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  MongooseHealthIndicator,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { z } from 'zod';

import { Public } from '@appliance-care/auth';

import { ApiProblems, ApiZodResponse } from './openapi';

const indicatorsSchema = z.record(
  z.string(),
  z.looseObject({ status: z.enum(['up', 'down']), message: z.string().optional() }),
);
/** @nestjs/terminus's health check result, as /health/ready answers when every dependency is up. */
const readinessSchema = z.object({
  status: z.literal('ok'),
  info: indicatorsSchema.optional(),
  error: indicatorsSchema.optional(),
  details: indicatorsSchema.describe('every dependency checked: mongodb, kafka'),
});

type ReadinessCheck = () => Promise<void>;

/** Dependencies register what readiness means for them (Kafka does so from libs/messaging). */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }
  entries(): [string, ReadinessCheck][] {
    return [...this.checks.entries()];
  }
}

// probes and scrapers poll these; they must never be throttled
@SkipThrottle()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: ReadinessRegistry,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiZodResponse(z.object({ status: z.literal('ok') }), { description: 'alive' })
  @ApiProblems(400)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  // documented here (problem+json for 503), not by terminus
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: MongoDB and Kafka answer' })
  @ApiZodResponse(readinessSchema, { description: 'ready: every dependency is up' })
  @ApiProblems(400, [503, 'a dependency is down (detail names it)'])
  ready() {
    return this.health.check([
      () => this.mongoose.pingCheck('mongodb', { timeout: 1500 }),
      ...this.registry.entries().map(
        ([name, check]) =>
          () =>
            this.run(name, check),
      ),
    ]);
  }

  private async run(name: string, check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    try {
      await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
      return indicator.up();
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
