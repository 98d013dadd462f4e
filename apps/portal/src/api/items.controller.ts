import { Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import { CurrentPrincipal, hasRole, Principal, Roles } from '@appliance-care/auth';
import { ApiController, ApiProblems, ApiZodResponse, IdParam, NotFoundError } from '@appliance-care/platform';
import { currentItemStatus, LibraryItemTimelineRepository } from '@appliance-care/portal';

import { ItemTimelineView, itemTimelineViewSchema } from './portal.schemas';

/** Library items as the library sees them: staff every item, a patron the items they placed a hold on. */
@ApiController('items')
@Roles('librarian', 'library-technician', 'patron', 'admin')
export class ItemsController {
  constructor(private readonly timeline: LibraryItemTimelineRepository) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary:
      "A library item's processing in order: received, catalogued, processed, on the shelf, damaged, repaired, bound",
  })
  @ApiParam({ name: 'id', description: 'itemId' })
  @ApiZodResponse(itemTimelineViewSchema, { description: "the timeline, with the item's current status" })
  @ApiProblems([404, 'no events for this item, or (a patron) not an item they placed a hold on'])
  async timelineOf(@CurrentPrincipal() principal: Principal, @IdParam('id') itemId: string): Promise<ItemTimelineView> {
    const entries = await this.timeline.forItem(itemId);
    if (entries.length === 0) throw new NotFoundError('item', itemId);
    // staff see every item; a patron only one they hold, anything else is answered as absent
    const staff = hasRole(principal, 'librarian', 'library-technician', 'admin');
    if (!staff && !entries.some((e) => e.patronId !== undefined && e.patronId === principal.patronId))
      throw new NotFoundError('item', itemId);
    return {
      itemId,
      status: currentItemStatus(entries),
      entries: entries.map(({ id, type, eventType, time, actor, summary, status }) => ({
        id,
        type,
        eventType,
        time,
        who: actor,
        summary,
        ...(status ? { status } : {}),
      })),
    };
  }
}
