import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import {
  canAccessCustomer,
  canAccessTechnician,
  CurrentPrincipal,
  hasRole,
  isStaff,
  Principal,
  Roles,
} from '@appliance-care/auth';
import { timeWindowSchema } from '@appliance-care/contracts';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  ForbiddenError,
  IdParam,
  NotFoundError,
  ZodValidationPipe,
} from '@appliance-care/platform';
import {
  Actor,
  INSTALLATION_STATUSES,
  installationListSchema,
  installationView,
  installationViewSchema,
  InstallationWorkflow,
  SalesQueries,
} from '@appliance-care/sales-installation';

const listQuery = z.strictObject({
  technicianId: z.string().min(1).max(128).optional(),
  customerId: z.string().min(1).max(128).optional(),
  status: z.enum(INSTALLATION_STATUSES).optional(),
});

const completeBody = z.strictObject({
  checklist: z
    .array(z.strictObject({ item: z.string().min(1).max(100), done: z.boolean() }))
    .max(100)
    .default([]),
  customerTrained: z.boolean().default(false),
  notes: z.string().max(2000).optional(),
});
const failBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
const rescheduleBody = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  preferredWindow: timeWindowSchema.optional(),
});

function actorOf(principal: Principal): Actor {
  if (!isStaff(principal) && !principal.technicianId) throw new ForbiddenError('the token carries no technicianId');
  return { technicianId: principal.technicianId, staff: isStaff(principal) };
}

@ApiController('installations')
export class InstallationsController {
  constructor(
    private readonly queries: SalesQueries,
    private readonly workflow: InstallationWorkflow,
  ) {}

  @Get(':id')
  @Roles('technician', 'dispatcher', 'customer')
  @ApiOperation({ summary: 'An installation job: status, technician and window, or why it waits' })
  @ApiZodResponse(installationViewSchema, { description: 'the installation job' })
  @ApiProblems([
    404,
    "no such installation, or not the caller's (another customer's, or not assigned to this technician)",
  ])
  async get(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    const doc = await this.queries.installation(id);
    const mine =
      canAccessTechnician(principal, doc.assignment?.technicianId) || canAccessCustomer(principal, doc.customerId);
    if (!mine) throw new NotFoundError('installation', id);
    return installationView(doc);
  }

  @Get()
  @Roles('technician', 'dispatcher', 'customer')
  @ApiOperation({ summary: "A technician's (or customer's) installations; staff may filter freely" })
  @ApiZodQuery(listQuery)
  @ApiZodResponse(installationListSchema, { description: 'the installations found (at most 200)' })
  async list(
    @Query(new ZodValidationPipe(listQuery, 'query')) query: z.infer<typeof listQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const filter = { ...query };
    if (!isStaff(principal)) {
      if (
        hasRole(principal, 'technician') &&
        principal.technicianId &&
        (!filter.technicianId || filter.technicianId === principal.technicianId) &&
        !filter.customerId
      ) {
        filter.technicianId = principal.technicianId;
      } else if (
        hasRole(principal, 'customer') &&
        principal.customerId &&
        (!filter.customerId || filter.customerId === principal.customerId) &&
        !filter.technicianId
      ) {
        filter.customerId = principal.customerId;
      } else {
        throw new ForbiddenError('you may list only your own installations');
      }
    }
    const items = await this.queries.findInstallations(filter);
    return { items: items.map((doc) => installationView(doc)) };
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: 'The assigned technician starts the installation (scheduled → in-progress)' })
  @ApiZodResponse(installationViewSchema, { description: 'the installation job after the step' })
  @ApiProblems(
    [404, 'no such installation, or not assigned to this technician'],
    [409, "the job's status does not allow it (currentState)"],
  )
  async start(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return installationView(await this.workflow.start(id, actorOf(principal)));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: "Complete: every item of the category's checklist answered and customerTrained: true" })
  @ApiZodBody(completeBody)
  @ApiZodResponse(installationViewSchema, { description: 'the installation job after the step' })
  @ApiProblems(
    [404, 'no such installation, or not assigned to this technician'],
    [409, "the job's status does not allow it (currentState)"],
    [422, 'a checklist item is not answered, or the customer was not trained (missingItems)'],
  )
  async complete(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(completeBody)) body: z.infer<typeof completeBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return installationView(await this.workflow.complete(id, actorOf(principal), body));
  }

  @Post(':id/fail')
  @HttpCode(200)
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: 'The visit failed (with a reason): another visit is requested' })
  @ApiZodBody(failBody)
  @ApiZodResponse(installationViewSchema, { description: 'the installation job after the step' })
  @ApiProblems(
    [404, 'no such installation, or not assigned to this technician'],
    [409, "the job's status does not allow it (currentState)"],
  )
  async fail(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(failBody)) body: z.infer<typeof failBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return installationView(await this.workflow.fail(id, actorOf(principal), body.reason));
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: 'Move the visit: the booked slot is released and a new visit requested' })
  @ApiZodBody(rescheduleBody)
  @ApiZodResponse(installationViewSchema, { description: 'the installation job after the step' })
  @ApiProblems(
    [404, 'no such installation, or not assigned to this technician'],
    [409, "the job's status does not allow it (currentState)"],
  )
  async reschedule(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(rescheduleBody)) body: z.infer<typeof rescheduleBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return installationView(await this.workflow.reschedule(id, actorOf(principal), body.reason, body.preferredWindow));
  }
}
