import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { canAccessTechnician, CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  patchTechnicianInput, PatchTechnicianInput, registerTechnicianInput, RegisterTechnicianInput, replaceTechnicianInput,
  ReplaceTechnicianInput, RosterService, TechnicianDocument, WorkOrderQueries,
} from '@appliance-care/dispatch';
import { NotFoundError, parseOrThrow, ZodValidationPipe } from '@appliance-care/platform';

const view = (t: TechnicianDocument) => {
  const { _id, idempotencyKey, outbox, outboxPending, ...rest } = t; // eslint-disable-line @typescript-eslint/no-unused-vars
  return { ...rest, technicianId: _id };
};

const rangeQuery = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

@ApiTags('technicians')
@ApiBearerAuth()
@Controller('api/v1/technicians')
export class TechniciansController {
  constructor(
    private readonly roster: RosterService,
    private readonly queries: WorkOrderQueries,
  ) {}

  @Post()
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Register a technician (skills, licences with expiry, regions, weekly working hours in UTC, time off)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried POST with the same key answers with the same technician' })
  async register(
    @Body(new ZodValidationPipe(registerTechnicianInput)) body: RegisterTechnicianInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { technician, created } = await this.roster.register(body, idempotencyKey?.slice(0, 200), principal.sub);
    res.status(created ? 201 : 200).location(`/api/v1/technicians/${technician._id}`);
    return view(technician);
  }

  @Get()
  @Roles('dispatcher')
  @ApiOperation({ summary: 'The roster' })
  async list() {
    return (await this.roster.list()).map(view);
  }

  @Get(':id')
  @Roles('dispatcher', 'technician')
  @ApiOperation({ summary: 'A technician (a technician may read only themselves)' })
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    if (!canAccessTechnician(principal, id)) throw new NotFoundError('technician', id);
    return view(await this.roster.get(id));
  }

  @Put(':id')
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Replace a technician\'s details (everything but the id)' })
  async replace(@Param('id') id: string, @Body(new ZodValidationPipe(replaceTechnicianInput)) body: ReplaceTechnicianInput) {
    return view(await this.roster.replace(id, body));
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Change some of a technician\'s details, e.g. time off, licences, regions' })
  async patch(@Param('id') id: string, @Body(new ZodValidationPipe(patchTechnicianInput)) body: PatchTechnicianInput) {
    return view(await this.roster.patch(id, body));
  }

  @Get(':id/work-orders')
  @Roles('dispatcher', 'technician')
  @ApiOperation({ summary: 'The technician\'s booked work orders between two UTC days (inclusive; default today + 7 days)' })
  @ApiQuery({ name: 'from', required: false, example: '2026-12-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12-07' })
  async workOrders(@Param('id') id: string, @Query() query: Record<string, string>, @CurrentPrincipal() principal: Principal) {
    if (!canAccessTechnician(principal, id)) throw new NotFoundError('technician', id);
    const q = parseOrThrow(rangeQuery, query, 'query');
    await this.roster.get(id);
    const from = q.from ?? new Date().toISOString().slice(0, 10);
    const to = q.to ?? new Date(Date.parse(from) + 7 * 86_400_000).toISOString().slice(0, 10);
    return { technicianId: id, from, to, workOrders: await this.queries.ofTechnician(id, from, to) };
  }
}
