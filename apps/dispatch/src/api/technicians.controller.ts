import { Body, Get, Headers, HttpCode, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';

import { canAccessTechnician, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  patchTechnicianInput,
  PatchTechnicianInput,
  registerTechnicianInput,
  RegisterTechnicianInput,
  replaceTechnicianInput,
  ReplaceTechnicianInput,
  RosterService,
  technicianView,
  technicianViewSchema,
  TechnicianWorkOrders,
  technicianWorkOrdersSchema,
  WorkOrderQueries,
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

const rangeQuery = z
  .strictObject({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((range) => !range.from || !range.to || range.from <= range.to, {
    message: 'from must not be after to',
    path: ['to'],
  });

@ApiController('technicians')
export class TechniciansController {
  constructor(
    private readonly roster: RosterService,
    private readonly queries: WorkOrderQueries,
  ) {}

  @Post()
  @Roles('dispatcher')
  @ApiOperation({
    summary: 'Register a technician (skills, licences with expiry, regions, weekly working hours in UTC, time off)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retried POST with the same key answers with the same technician',
  })
  @ApiZodBody(registerTechnicianInput)
  @ApiZodResponse(technicianViewSchema, { status: 201, description: 'registered (Location: the technician)' })
  @ApiZodResponse(technicianViewSchema, {
    description: 'a retry with the same Idempotency-Key: the technician it registered',
  })
  @ApiProblems(413, [409, 'a technician with this id is already registered'])
  async register(
    @Body(new ZodValidationPipe(registerTechnicianInput)) body: RegisterTechnicianInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { technician, created } = await this.roster.register(body, idempotencyKey?.slice(0, 200), principal.sub);
    res.status(created ? 201 : 200).location(`/api/v1/technicians/${technician._id}`);
    return technicianView(technician);
  }

  @Get()
  @Roles('dispatcher')
  @ApiOperation({ summary: 'The roster' })
  @ApiZodResponse(z.array(technicianViewSchema), { description: 'every technician' })
  async list() {
    return (await this.roster.list()).map(technicianView);
  }

  @Get(':id')
  @Roles('dispatcher', 'technician')
  @ApiOperation({ summary: 'A technician (a technician may read only themselves)' })
  @ApiZodResponse(technicianViewSchema, { description: 'the technician' })
  @ApiProblems([404, 'no such technician, or another technician'])
  async get(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (!canAccessTechnician(principal, id)) throw new NotFoundError('technician', id);
    return technicianView(await this.roster.get(id));
  }

  @Put(':id')
  @Roles('dispatcher')
  @ApiOperation({ summary: "Replace a technician's details (everything but the id)" })
  @ApiZodBody(replaceTechnicianInput)
  @ApiZodResponse(technicianViewSchema, { description: 'the technician as changed' })
  @ApiProblems(
    413,
    [404, 'no such technician'],
    [503, 'changed by someone else at the same moment, or the store is unavailable; try again after Retry-After'],
  )
  async replace(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(replaceTechnicianInput)) body: ReplaceTechnicianInput,
  ) {
    return technicianView(await this.roster.replace(id, body));
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({ summary: "Change some of a technician's details, e.g. time off, licences, regions" })
  @ApiZodBody(patchTechnicianInput)
  @ApiZodResponse(technicianViewSchema, { description: 'the technician as changed' })
  @ApiProblems(
    413,
    [404, 'no such technician'],
    [503, 'changed by someone else at the same moment, or the store is unavailable; try again after Retry-After'],
  )
  async patch(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(patchTechnicianInput)) body: PatchTechnicianInput,
  ) {
    return technicianView(await this.roster.patch(id, body));
  }

  @Get(':id/work-orders')
  @Roles('dispatcher', 'technician')
  @ApiOperation({
    summary: "The technician's booked work orders between two UTC days (inclusive; default today + 7 days)",
  })
  @ApiZodQuery(rangeQuery)
  @ApiZodResponse(technicianWorkOrdersSchema, { description: 'the booked work orders, in time order' })
  @ApiProblems([404, 'no such technician, or another technician'])
  async workOrders(
    @IdParam('id') id: string,
    @Query() query: Record<string, string>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TechnicianWorkOrders> {
    if (!canAccessTechnician(principal, id)) throw new NotFoundError('technician', id);
    const range = parseOrThrow(rangeQuery, query, 'query');
    await this.roster.get(id);
    const from = range.from ?? new Date().toISOString().slice(0, 10);
    const to = range.to ?? new Date(Date.parse(from) + 7 * 86_400_000).toISOString().slice(0, 10);
    return { technicianId: id, from, to, workOrders: await this.queries.ofTechnician(id, from, to) };
  }
}
