import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { LibraryQueries } from '@appliance-care/library-services';
import { ApiController, ApiProblems, ApiZodQuery, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';

import {
  holdListSchema,
  holdsQuerySchema,
  holdView,
  taskListSchema,
  tasksQuerySchema,
  taskView,
} from './library.schemas';

/** Who waits for what: a library technician's processing queue, a patron's holds. */
@ApiController('library', { path: '' })
export class QueuesController {
  constructor(private readonly queries: LibraryQueries) {}

  @Get('tasks')
  @Roles('librarian', 'library-technician')
  @ApiOperation({ summary: 'Queue items by technician, branch and openness (library technicians: their own)' })
  @ApiZodQuery(tasksQuerySchema)
  @ApiZodResponse(taskListSchema, { description: 'the tasks, oldest request first' })
  @ApiProblems([403, "the role may not, or a library technician asked for someone else's queue"])
  async tasks(
    @Query(new ZodValidationPipe(tasksQuerySchema, 'query')) query: z.infer<typeof tasksQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { items: (await this.queries.tasks(query, principal)).map(taskView) };
  }

  @Get('holds')
  @Roles('librarian', 'patron')
  @ApiOperation({ summary: "Holds with their item's status (patrons: their own)" })
  @ApiZodQuery(holdsQuerySchema)
  @ApiZodResponse(holdListSchema, { description: 'the holds' })
  @ApiProblems([403, "the role may not, or a patron asked for someone else's holds"])
  async holds(
    @Query(new ZodValidationPipe(holdsQuerySchema, 'query')) query: z.infer<typeof holdsQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { items: (await this.queries.holds(query.patronId, principal)).map(holdView) };
  }
}
