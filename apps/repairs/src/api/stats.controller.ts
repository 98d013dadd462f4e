import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { Roles } from '@appliance-care/auth';
import { ApiProblems, ApiZodQuery, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';
import { TicketQueries } from '@appliance-care/repairs';

import { statsQuerySchema, statsViewSchema } from './tickets.schemas';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly queries: TicketQueries) {}

  @Get()
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'First-time-fix rate, mean time to repair and SLA compliance of repairs completed in [from, to) (default: last 30 days)',
  })
  @ApiZodQuery(statsQuerySchema)
  @ApiZodResponse(statsViewSchema, { description: 'the figures over the period' })
  @ApiProblems(400, 401, 403, 429, 503)
  stats(@Query(new ZodValidationPipe(statsQuerySchema, 'query')) query: z.infer<typeof statsQuerySchema>) {
    return this.queries.stats(query.from, query.to);
  }
}
