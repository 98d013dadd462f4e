import { Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import { CurrentPrincipal, Principal } from '@appliance-care/auth';
import { ApiProblems, ApiZodResponse, IdParam, NotFoundError } from '@appliance-care/platform';
import { projectAppliance, TimelineRepository } from '@appliance-care/portal';

import { assertMayRead, PortalReadController } from './portal-read';
import { TimelineView, timelineViewSchema } from './portal.schemas';

@PortalReadController('appliances')
export class AppliancesController {
  constructor(private readonly timeline: TimelineRepository) {}

  @Get(':id/timeline')
  @ApiOperation({ summary: "An appliance's lifecycle in event-time order: who did what, when (customers: their own)" })
  @ApiParam({ name: 'id', description: 'applianceId' })
  @ApiZodResponse(timelineViewSchema, { description: "the timeline, with the appliance's current status" })
  @ApiProblems([404, "no events for this appliance, or not the caller's"])
  async timelineOf(
    @CurrentPrincipal() principal: Principal,
    @IdParam('id') applianceId: string,
  ): Promise<TimelineView> {
    const entries = await this.timeline.forAppliance(applianceId);
    if (entries.length === 0) throw new NotFoundError('appliance', applianceId);
    const summary = projectAppliance(entries);
    const ownerId = summary?.customerId ?? entries.find((entry) => entry.customerId)?.customerId;
    assertMayRead(principal, ownerId, 'appliance', applianceId);
    return {
      applianceId,
      customerId: ownerId,
      status: summary?.status,
      appliance: summary?.appliance,
      appointment: summary?.appointment,
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
