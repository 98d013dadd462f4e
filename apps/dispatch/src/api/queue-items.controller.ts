import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  QueueItemListQuery,
  queueItemListQuery,
  queueItemListSchema,
  QueueItemQueries,
  queueItemView,
  queueItemViewSchema,
} from '@appliance-care/dispatch';
import {
  ApiController,
  ApiProblems,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

/** Library technicians' queue items: library work assigned by branch, skill and load (no travel, no visit). */
@ApiController('queue-items')
export class QueueItemsController {
  constructor(private readonly queries: QueueItemQueries) {}

  @Get()
  @Roles('librarian', 'library-technician')
  @ApiOperation({
    summary: 'Queue items by branch, technician and status (a library technician sees their own queue)',
  })
  @ApiZodQuery(queueItemListQuery)
  @ApiZodResponse(queueItemListSchema, { description: 'the queue items found, oldest request first' })
  @ApiProblems([403, "the role may not list queue items, or a library technician asked for someone else's"])
  async list(
    @Query(new ZodValidationPipe(queueItemListQuery, 'query')) query: QueueItemListQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { items: (await this.queries.list(query, principal)).map(queueItemView) };
  }

  @Get(':taskId')
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'A queue item: the library task, its technician, from when, why, and its history' })
  @ApiZodResponse(queueItemViewSchema, { description: 'the queue item' })
  @ApiProblems([404, 'no such queue item, or not assigned to this library technician'])
  async get(@IdParam('taskId') taskId: string, @CurrentPrincipal() principal: Principal) {
    return queueItemView(await this.queries.get(taskId, principal));
  }
}
