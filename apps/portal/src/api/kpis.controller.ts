import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { Roles } from '@appliance-care/auth';
import { isoDateTime } from '@appliance-care/contracts';
import { ApiController, ApiProblems, ApiZodQuery, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';
import { KpiQueries, KpiReport, kpiReportSchema } from '@appliance-care/portal';

const DAY = 24 * 60 * 60 * 1000;

/** [from, to), by default the 30 days up to now (as repairs' GET /stats). */
export const kpiQuerySchema = z
  .strictObject({ from: isoDateTime.optional(), to: isoDateTime.optional() })
  .transform(({ from, to }) => {
    const end = to ? new Date(to) : new Date();
    return { from: from ? new Date(from) : new Date(end.getTime() - 30 * DAY), to: end };
  })
  .refine((period) => period.from.getTime() < period.to.getTime(), {
    message: 'from must be before to',
    path: ['from'],
  });

@ApiController('kpis', { problems: [] })
export class KpisController {
  constructor(private readonly queries: KpiQueries) {}

  @Get()
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Service KPIs of [from, to) (default: last 30 days), overall, per technician and per region: CSAT, first-time fix and MTTR of repairs, on-time starts and failed installations',
  })
  @ApiZodQuery(kpiQuerySchema)
  @ApiZodResponse(kpiReportSchema, {
    description: 'the figures over the period; rates are null when nothing was counted',
  })
  @ApiProblems(400, 401, 403, 429, 503)
  kpis(
    @Query(new ZodValidationPipe(kpiQuerySchema, 'query')) query: z.infer<typeof kpiQuerySchema>,
  ): Promise<KpiReport> {
    return this.queries.kpis(query.from, query.to);
  }
}
