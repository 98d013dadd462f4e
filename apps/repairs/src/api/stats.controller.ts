import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { Roles } from '@appliance-care/auth';
import { ApiController, ApiProblems, ApiZodQuery, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';
import { TicketQueries } from '@appliance-care/repairs';

import { statsQuerySchema, statsViewSchema } from './tickets.schemas';

@ApiController('stats', { problems: [] })
export class StatsController {
  constructor(private readonly queries: TicketQueries) {}

  @Get()
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'First-time-fix rate, mean time to repair and SLA compliance of repairs completed in [from, to) (default: last 30 days), in total, per technician and per region',
  })
  @ApiZodQuery(statsQuerySchema)
  @ApiZodResponse(statsViewSchema, { description: 'the figures over the period' })
  @ApiProblems(400, 401, 403, 429, 503)
  stats(@Query(new ZodValidationPipe(statsQuerySchema, 'query')) query: z.infer<typeof statsQuerySchema>) {
    return this.queries.stats(query.from, query.to);
  }
}
