import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { canAccessTechnician, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { idString, isoDateTime } from '@appliance-care/contracts';
import {
  AssignmentService,
  DispatchBoardQueries,
  dispatchBoardSchema,
  ManualPlacement,
  toView,
  WorkOrderQueries,
  workOrderViewSchema,
} from '@appliance-care/dispatch';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
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

const assignInput = z.strictObject({
  technicianId: idString,
  start: isoDateTime
    .refine((start) => Date.parse(start) > Date.now(), 'must be in the future')
    .describe('start of the visit; it lasts the work order’s durationMinutes'),
  overrideReason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('required when the technician fails a qualification check (region, skill, licence, hours, time off)'),
});

/** Tomorrow at 09:00 UTC: the body's start must lie in the future, so no fixed date can serve as its example. */
function assignExample(now = new Date()): z.infer<typeof assignInput> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 9));
  return { technicianId: 'T-001', start: start.toISOString() };
}

const boardQuery = z.strictObject({
  withinHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .optional(),
});

@ApiController('work-orders', { path: '' })
export class WorkOrdersController {
  constructor(
    private readonly queries: WorkOrderQueries,
    private readonly assignment: AssignmentService,
    private readonly placement: ManualPlacement,
    private readonly boards: DispatchBoardQueries,
  ) {}

  @Get('work-orders/:id')
  @Roles('dispatcher', 'technician')
  @ApiOperation({
    summary: 'A work order with its assignment, the reason for it (or for no technician) and its history',
  })
  @ApiZodResponse(workOrderViewSchema, { description: 'the work order' })
  @ApiProblems([404, 'no such work order, or not assigned to this technician'])
  async get(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    const wo = await this.queries.get(id);
    if (!canAccessTechnician(principal, wo.technicianId)) throw new NotFoundError('work order', id);
    return toView(wo);
  }

  @Post('work-orders/:id/assign')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Place an open work order (waiting, unassignable or booked) by hand with a technician at a start time; ' +
      'a technician failing a qualification check needs an overrideReason, which is recorded and published',
  })
  @ApiZodBody(assignInput, { example: assignExample() })
  @ApiZodResponse(workOrderViewSchema, { description: 'the work order, booked with that technician' })
  @ApiProblems(
    [400, 'invalid body, or overrideReason missing for a technician who fails a qualification check'],
    [404, 'no such work order or technician'],
    [409, 'the slot is taken in the technician’s calendar (travel included), or the order is not open'],
    [422, 'the technician is not active'],
  )
  async assign(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(assignInput)) body: z.infer<typeof assignInput>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toView(await this.placement.place(id, { ...body, by: principal.sub }));
  }

  @Post('work-orders/:id/reassign')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Move an open work order (booked or still waiting) to the chosen technician, or to the next qualified one ' +
      '(409 if started or closed, 422 if nobody qualifies)',
  })
  @ApiZodBody(reassignInput, { required: false })
  @ApiZodResponse(workOrderViewSchema, { description: 'the work order, booked with its new technician' })
  @ApiProblems(
    [404, 'no such work order'],
    [409, 'the work order is started or closed, or already with that technician'],
    [422, 'no other qualified technician is free for it'],
  )
  async reassign(
    @IdParam('id') id: string,
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
    summary:
      "The dispatcher's board: unassigned work orders with their reasons, those due soon and not started, " +
      'repair tickets whose SLA is at risk or breached, and repair visits waiting for parts',
  })
  @ApiZodQuery(boardQuery)
  @ApiZodResponse(dispatchBoardSchema, { description: 'the board' })
  async board(@Query() query: Record<string, string>) {
    return this.boards.board(parseOrThrow(boardQuery, query, 'query').withinHours);
  }
}
