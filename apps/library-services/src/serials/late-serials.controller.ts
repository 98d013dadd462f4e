import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { Roles } from '@appliance-care/auth';
import { SerialQueries } from '@appliance-care/library-services';
import { ApiController, ApiZodQuery, ApiZodResponse, parseOrThrow } from '@appliance-care/platform';

import { branchQuery, lateListSchema } from './serials.schemas';

@ApiController('serials')
export class LateSerialsController {
  constructor(private readonly queries: SerialQueries) {}

  @Get('late')
  @Roles('librarian', 'library-technician')
  @ApiOperation({
    summary:
      'The late-issues list: every issue past its expected date or claimed and still not received, oldest expected first, with the vendor and the claims sent',
  })
  @ApiZodQuery(branchQuery)
  @ApiZodResponse(lateListSchema, { description: 'the late issues' })
  async late(@Query() query: Record<string, string>) {
    const { branch } = parseOrThrow(branchQuery, query, 'query');
    return { issues: await this.queries.late(branch) };
  }
}
