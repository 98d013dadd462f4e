import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { canAccessTechnician, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { idString } from '@appliance-care/contracts';
import {
  AssignmentService,
  boardSchema,
  toView,
  WorkOrderQueries,
  workOrderViewSchema,
} from '@appliance-care/dispatch';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  NotFoundError,
  parseOrThrow,
  ZodValidationPipe,
} from '@appliance-care/platform';

const reassignInput = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    technicianId: idString.optional(),
    reason: z.string().min(1).max(500).optional(),
  }),
);

const boardQuery = z.strictObject({
  withinHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .optional(),
});

@ApiTags('work-orders')
@ApiBearerAuth()
@Controller('api/v1')
@ApiProblems(400, 401, 403, 429, 503)
export class WorkOrdersController {
  constructor(
    private readonly queries: WorkOrderQueries,
    private readonly assignment: AssignmentService,
  ) {}

  @Get('work-orders/:id')
  @Roles('dispatcher', 'technician')
  @ApiOperation({
    summary: 'A work order with its assignment, the reason for it (or for no technician) and its history',
  })
  @ApiZodResponse(workOrderViewSchema, { description: 'the work order' })
  @ApiProblems([404, 'no such work order, or not assigned to this technician'])
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const wo = await this.queries.get(id);
    if (!canAccessTechnician(principal, wo.technicianId)) throw new NotFoundError('work order', id);
    return toView(wo);
  }

  @Post('work-orders/:id/reassign')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Move a booked work order to the chosen technician, or to the next qualified one ' +
      '(409 if not booked, 422 if nobody qualifies)',
  })
  @ApiZodBody(reassignInput, { required: false })
  @ApiZodResponse(workOrderViewSchema, { description: 'the work order, booked with its new technician' })
  @ApiProblems(
    [404, 'no such work order'],
    [409, 'the work order is not booked, or already with that technician'],
    [422, 'no other qualified technician is free for it'],
  )
  async reassign(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(reassignInput)) body: z.infer<typeof reassignInput>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const wo = await this.assignment.reassign(id, {
      cause: 'reassigned',
      technicianId: body.technicianId,
      note: `reassigned by ${principal.sub}${body.reason ? `: ${body.reason}` : ''}`,
    });
    return toView(wo);
  }

  @Get('board')
  @Roles('dispatcher')
  @ApiOperation({
    summary: "The dispatcher's board: unassigned work orders with their reasons, and those due soon and not started",
  })
  @ApiZodQuery(boardQuery)
  @ApiZodResponse(boardSchema, { description: 'the board' })
  async board(@Query() query: Record<string, string>) {
    return this.queries.board(parseOrThrow(boardQuery, query, 'query').withinHours);
  }
}
