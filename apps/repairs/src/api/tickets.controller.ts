import { applyDecorators, Body, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';
import {
  RecordPartsArrival,
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
  partsArrivedBodySchema,
  reasonBodySchema,
} from './tickets.schemas';

/** A technician's step on the ticket they hold: POST :id/<action>, answered 200 with the ticket after it. */
function TechnicianStep(
  action: TechnicianCommand['action'],
  summary: string,
  bodySchema: z.ZodType,
  bodyDescription?: string,
): MethodDecorator {
  return applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    Roles('technician'),
    ApiOperation({ summary }),
    ApiZodBody(bodySchema, bodyDescription === undefined ? {} : { description: bodyDescription }),
    ApiZodResponse(ticketViewSchema, { description: 'the ticket after the step' }),
    ApiProblems(
      [403, 'the role may not do this, or the technician held the ticket but it is no longer assigned to them'],
      [404, 'no such ticket, or one this technician never held'],
      [409, "the ticket's status does not allow it (currentState)"],
    ),
  );
}

@ApiController('tickets')
export class TicketsController {
  constructor(
    private readonly actions: TicketActions,
    private readonly queries: TicketQueries,
    private readonly partsArrival: RecordPartsArrival,
  ) {}

  @Get()
  @Roles('technician', 'customer', 'dispatcher')
  @ApiOperation({
    summary:
      'Tickets by technician, status, customer, appliance, escalation or SLA risk (technicians and customers see their own)',
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

  @TechnicianStep('accept', 'The assigned technician accepts the repair', emptyBodySchema, 'no body, or {}')
  accept(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'accept' }, key);
  }

  @TechnicianStep('decline', 'The assigned technician declines; dispatch reassigns', reasonBodySchema)
  decline(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'decline', ...body }, key);
  }

  @TechnicianStep('en-route', 'On the way, with an ETA', enRouteBodySchema)
  enRoute(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(enRouteBodySchema)) body: z.infer<typeof enRouteBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'en-route', ...body }, key);
  }

  @TechnicianStep('start', 'Work starts on site', emptyBodySchema, 'no body, or {}')
  start(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'start' }, key);
  }

  @TechnicianStep(
    'awaiting-parts',
    'Work waits for parts (the SLA clock pauses if the policy says so)',
    awaitingPartsBodySchema,
  )
  awaitingParts(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(awaitingPartsBodySchema)) body: z.infer<typeof awaitingPartsBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'awaiting-parts', ...body }, key);
  }

  @TechnicianStep('complete', 'Work done, parts used, labour and the customer sign-off', completeBodySchema)
  complete(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(completeBodySchema)) body: z.infer<typeof completeBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.step(id, principal, { action: 'complete', ...body }, key);
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
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return ticketView(await this.actions.cancel(id, principal, body.reason, key));
  }

  @Post(':id/parts-arrived')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiZodBody(partsArrivedBodySchema, {
    description: 'no body, {}, or which parts arrived and the delivery reference',
    example: { parts: [{ sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 1 }], reference: 'GRN-2027-0042' },
  })
  @ApiOperation({
    summary:
      'The parts the ticket waits for arrived: back to scheduling for the return visit, the SLA pause ends (as parts.arrived.v1 from the warehouse)',
  })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket, awaiting assignment' })
  @ApiProblems([404, 'no such ticket'], [409, 'the ticket is not awaiting parts (currentState)'])
  async partsArrived(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(partsArrivedBodySchema)) body: z.infer<typeof partsArrivedBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return ticketView(await this.partsArrival.reported(id, principal, body ?? {}, key));
  }

  private async step(id: string, principal: Principal, command: TechnicianCommand, key?: string) {
    return ticketView(await this.actions.technicianStep(id, principal, command, key));
  }
}
