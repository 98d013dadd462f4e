import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { canAccessCustomer, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { ApiProblems, ApiZodResponse, NotFoundError, ZodValidationPipe } from '@appliance-care/platform';
import { projectAppliance, TimelineRepository } from '@appliance-care/portal';

import { idParam } from './id.param';
import { TimelineView, timelineViewSchema } from './portal.schemas';

@ApiTags('appliances')
@ApiBearerAuth()
@ApiProblems(400, 401, 403, 429, 503)
@Controller('api/v1/appliances')
export class AppliancesController {
  constructor(private readonly timeline: TimelineRepository) {}

  @Get(':id/timeline')
  @Roles('customer', 'dispatcher', 'admin')
  @ApiOperation({ summary: "An appliance's lifecycle in event-time order: who did what, when (customers: their own)" })
  @ApiParam({ name: 'id', description: 'applianceId' })
  @ApiZodResponse(timelineViewSchema, { description: "the timeline, with the appliance's current status" })
  @ApiProblems([404, "no events for this appliance, or not the caller's"])
  async timelineOf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ZodValidationPipe(idParam, 'id')) applianceId: string,
  ): Promise<TimelineView> {
    const entries = await this.timeline.forAppliance(applianceId);
    const summary = projectAppliance(entries);
    const ownerId = summary?.customerId ?? entries.find((e) => e.customerId)?.customerId;
    // another customer's appliance is answered as absent, so ids cannot be probed
    if (entries.length === 0 || !canAccessCustomer(principal, ownerId))
      throw new NotFoundError('appliance', applianceId);
    return {
      applianceId,
      customerId: ownerId,
      status: summary?.status,
      appliance: summary?.appliance,
      entries: entries.map(({ id, type, eventType, time, actor, summary: text }) => ({
        id,
        type,
        eventType,
        time,
        who: actor,
        summary: text,
      })),
    };
  }
}
