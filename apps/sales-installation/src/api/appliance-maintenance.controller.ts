import { Body, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import {
  canAccessCustomer,
  canAccessTechnician,
  CurrentPrincipal,
  isStaff,
  Principal,
  Roles,
} from '@appliance-care/auth';
import { idString } from '@appliance-care/contracts';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  NotFoundError,
  ZodValidationPipe,
} from '@appliance-care/platform';
import {
  MaintainedAppliance,
  MaintenanceSchedules,
  maintenanceView,
  maintenanceViewSchema,
} from '@appliance-care/sales-installation';

const attachBody = z.strictObject({ planId: idString });

/** Another customer's appliance is answered as absent, as reading it is. */
function ownedBy(principal: Principal, doc: MaintainedAppliance): MaintainedAppliance {
  if (!canAccessCustomer(principal, doc.customerId)) throw new NotFoundError('appliance', doc._id);
  return doc;
}

@ApiController('appliances')
export class ApplianceMaintenanceController {
  constructor(private readonly schedules: MaintenanceSchedules) {}

  @Get(':applianceId/maintenance')
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: "An appliance's maintenance plan, due date, booked visit and completed visits" })
  @ApiZodResponse(maintenanceViewSchema, { description: 'the maintenance schedule (status none: no plan)' })
  @ApiProblems([404, "no such appliance, another customer's, or not a visit booked with this technician"])
  async get(@IdParam('applianceId') id: string, @CurrentPrincipal() principal: Principal) {
    const doc = await this.schedules.appliance(id);
    const booked = doc.maintenance?.booking?.technicianId;
    if (!canAccessCustomer(principal, doc.customerId) && !(booked && canAccessTechnician(principal, booked)))
      throw new NotFoundError('appliance', id);
    return maintenanceView(doc);
  }

  @Put(':applianceId/maintenance-plan')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Attach (or change) the maintenance plan of an existing appliance (staff)' })
  @ApiZodBody(attachBody)
  @ApiZodResponse(maintenanceViewSchema, { description: 'the schedule with the plan' })
  @ApiProblems(
    [404, 'no such appliance'],
    [409, 'a visit is requested (the plan cannot change under it), or the customer has no address'],
  )
  async attach(
    @IdParam('applianceId') id: string,
    @Body(new ZodValidationPipe(attachBody)) body: z.infer<typeof attachBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const by = principal.roles.includes('admin') ? 'admin' : 'dispatcher';
    return maintenanceView(await this.schedules.attachPlan(id, body.planId, by));
  }

  @Post(':applianceId/maintenance/opt-out')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({ summary: 'Stop the planned visits of an appliance (its customer, or staff on their behalf)' })
  @ApiZodResponse(maintenanceViewSchema, { description: 'the schedule, opted out' })
  @ApiProblems(
    [404, "no such appliance or plan, or another customer's"],
    [409, 'a visit is requested: cancel the appointment first'],
  )
  async optOut(@IdParam('applianceId') id: string, @CurrentPrincipal() principal: Principal) {
    if (!isStaff(principal)) ownedBy(principal, await this.schedules.appliance(id));
    return maintenanceView(await this.schedules.optOut(id));
  }

  @Post(':applianceId/maintenance/opt-in')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({ summary: 'Restart the planned visits (a due date already past becomes now)' })
  @ApiZodResponse(maintenanceViewSchema, { description: 'the schedule, active' })
  @ApiProblems([404, "no such appliance or plan, or another customer's"])
  async optIn(@IdParam('applianceId') id: string, @CurrentPrincipal() principal: Principal) {
    if (!isStaff(principal)) ownedBy(principal, await this.schedules.appliance(id));
    return maintenanceView(await this.schedules.optIn(id));
  }
}
