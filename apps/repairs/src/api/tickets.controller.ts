import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';
import {
  TechnicianCommand,
  TicketActions,
  ticketListSchema,
  TicketQueries,
  ticketView,
  ticketViewSchema,
} from '@appliance-care/repairs';

import {
  awaitingPartsBodySchema,
  completeBodySchema,
  emptyBodySchema,
  enRouteBodySchema,
  listQuerySchema,
  reasonBodySchema,
} from './tickets.schemas';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
@ApiProblems(400, 401, 403, 429, 503)
export class TicketsController {
  constructor(
    private readonly actions: TicketActions,
    private readonly queries: TicketQueries,
  ) {}

  @Get()
  @Roles('technician', 'customer', 'dispatcher')
  @ApiOperation({
    summary:
      'Tickets by technician, status, customer, appliance or escalation (technicians and customers see their own)',
  })
  @ApiZodQuery(listQuerySchema)
  @ApiZodResponse(ticketListSchema, { description: 'the tickets found (without their history)' })
  async list(
    @Query(new ZodValidationPipe(listQuerySchema, 'query')) query: z.infer<typeof listQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const tickets = await this.queries.list(query, principal);
    return { items: tickets.map((ticket) => ticketView(ticket, false)) };
  }

  @Get(':id')
  @Roles('technician', 'customer', 'dispatcher')
  @ApiOperation({ summary: 'A ticket with its coverage, SLA and history' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket' })
  @ApiProblems([
    404,
    "no such ticket, or one the caller may not see (another customer's, or never held by this technician)",
  ])
  async get(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return ticketView(await this.queries.get(id, principal));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: 'The assigned technician accepts the repair' })
  @ApiZodBody(emptyBodySchema, { description: 'no body, or {}' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  accept(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'accept' }, key);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('technician')
  @ApiZodBody(reasonBodySchema)
  @ApiOperation({ summary: 'The assigned technician declines; dispatch reassigns' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  decline(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'decline', ...body }, key);
  }

  @Post(':id/en-route')
  @HttpCode(200)
  @Roles('technician')
  @ApiZodBody(enRouteBodySchema)
  @ApiOperation({ summary: 'On the way, with an ETA' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  enRoute(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(enRouteBodySchema)) body: z.infer<typeof enRouteBodySchema>,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'en-route', ...body }, key);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: 'Work starts on site' })
  @ApiZodBody(emptyBodySchema, { description: 'no body, or {}' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  start(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'start' }, key);
  }

  @Post(':id/awaiting-parts')
  @HttpCode(200)
  @Roles('technician')
  @ApiZodBody(awaitingPartsBodySchema)
  @ApiOperation({ summary: 'Work waits for parts (the SLA clock pauses if the policy says so)' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  awaitingParts(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(awaitingPartsBodySchema)) body: z.infer<typeof awaitingPartsBodySchema>,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'awaiting-parts', ...body }, key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('technician')
  @ApiZodBody(completeBodySchema)
  @ApiOperation({ summary: 'Work done, parts used, labour and the customer sign-off' })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' })
  @ApiProblems(
    [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
    [404, 'no such ticket, or one this technician never held'],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  complete(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(completeBodySchema)) body: z.infer<typeof completeBodySchema>,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, p, { action: 'complete', ...body }, key);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('dispatcher', 'customer')
  @ApiZodBody(reasonBodySchema)
  @ApiOperation({ summary: 'Cancelled by a dispatcher, an admin or the customer' })
  @ApiZodResponse(ticketViewSchema, { description: 'the cancelled ticket' })
  @ApiProblems(
    [404, "no such ticket, or another customer's"],
    [409, "the ticket's status does not allow it (currentState)"],
  )
  async cancel(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>,
    @CurrentPrincipal() p: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return ticketView(await this.actions.cancel(id, p, body.reason, key));
  }

  private async step(id: string, principal: Principal, command: TechnicianCommand, key?: string) {
    return ticketView(await this.actions.technicianStep(id, principal, command, key));
  }
}
