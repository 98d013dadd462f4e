import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, isStaff, Principal, Roles } from '@appliance-care/auth';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  ForbiddenError,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';
import { MaintenanceSchedules, maintenanceView, maintenanceViewSchema } from '@appliance-care/sales-installation';

const completeBody = z.strictObject({
  checklist: z
    .array(
      z.strictObject({
        item: z.string().min(1).max(100),
        ok: z.boolean(),
        note: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(100),
});

@ApiController('maintenance-visits')
export class MaintenanceVisitsController {
  constructor(private readonly schedules: MaintenanceSchedules) {}

  @Post(':workOrderId/complete')
  @HttpCode(200)
  @Roles('technician', 'dispatcher')
  @ApiOperation({
    summary:
      "The booked technician (or staff on their behalf) completes the visit: every item of the plan's checklist answered",
  })
  @ApiZodBody(completeBody)
  @ApiZodResponse(maintenanceViewSchema, { description: 'the schedule, due again one interval after today' })
  @ApiProblems(
    [400, 'a checklist item is missing, unknown or answered twice (the field is named)'],
    [404, 'no such booked maintenance visit, or not booked with this technician'],
  )
  async complete(
    @IdParam('workOrderId') workOrderId: string,
    @Body(new ZodValidationPipe(completeBody)) body: z.infer<typeof completeBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const staff = isStaff(principal);
    if (!staff && !principal.technicianId) throw new ForbiddenError('the token carries no technicianId');
    const actor = { technicianId: principal.technicianId, staff };
    return maintenanceView(await this.schedules.complete(workOrderId, actor, body.checklist));
  }
}
