import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { idString } from '@appliance-care/contracts';
import { ZodValidationPipe } from '@appliance-care/platform';
import { TechnicianCommand, TicketActions, TicketQueries, ticketView } from '@appliance-care/repairs';
import {
  awaitingPartsBodySchema, completeBodySchema, emptyBodySchema, enRouteBodySchema, listQuerySchema, openApiBody,
  reasonBodySchema,
} from './tickets.schemas';

const ticketIdPipe = new ZodValidationPipe(idString, 'ticket id');

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/v1/tickets')
export class TicketsController {
  constructor(
    private readonly actions: TicketActions,
    private readonly queries: TicketQueries,
  ) {}

  @Get()
  @Roles('technician', 'customer', 'dispatcher')
  @ApiOperation({ summary: 'Tickets by technician, status, customer, appliance or escalation (technicians and customers see their own)' })
  async list(@Query(new ZodValidationPipe(listQuerySchema, 'query')) query: z.infer<typeof listQuerySchema>, @CurrentPrincipal() principal: Principal) {
    const tickets = await this.queries.list(query, principal);
    return { items: tickets.map((t) => ticketView(t, false)) };
  }

  @Get(':id')
  @Roles('technician', 'customer', 'dispatcher')
  @ApiOperation({ summary: 'A ticket with its coverage, SLA and history' })
  async get(@Param('id', ticketIdPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return ticketView(await this.queries.get(id, principal));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: 'The assigned technician accepts the repair' })
  accept(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'accept' }, key);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('technician')
  @ApiBody(openApiBody(reasonBodySchema))
  @ApiOperation({ summary: 'The assigned technician declines; dispatch reassigns' })
  decline(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'decline', ...body }, key);
  }

  @Post(':id/en-route')
  @HttpCode(200)
  @Roles('technician')
  @ApiBody(openApiBody(enRouteBodySchema))
  @ApiOperation({ summary: 'On the way, with an ETA' })
  enRoute(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(enRouteBodySchema)) body: z.infer<typeof enRouteBodySchema>, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'en-route', ...body }, key);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: 'Work starts on site' })
  start(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'start' }, key);
  }

  @Post(':id/awaiting-parts')
  @HttpCode(200)
  @Roles('technician')
  @ApiBody(openApiBody(awaitingPartsBodySchema))
  @ApiOperation({ summary: 'Work waits for parts (the SLA clock pauses if the policy says so)' })
  awaitingParts(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(awaitingPartsBodySchema)) body: z.infer<typeof awaitingPartsBodySchema>, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'awaiting-parts', ...body }, key);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('technician')
  @ApiBody(openApiBody(completeBodySchema))
  @ApiOperation({ summary: 'Work done, parts used, labour and the customer sign-off' })
  complete(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(completeBodySchema)) body: z.infer<typeof completeBodySchema>, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return this.step(id, p, { action: 'complete', ...body }, key);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('dispatcher', 'customer')
  @ApiBody(openApiBody(reasonBodySchema))
  @ApiOperation({ summary: 'Cancelled by a dispatcher, an admin or the customer' })
  async cancel(@Param('id', ticketIdPipe) id: string, @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>, @CurrentPrincipal() p: Principal, @Headers('idempotency-key') key?: string) {
    return ticketView(await this.actions.cancel(id, p, body.reason, key));
  }

  private async step(id: string, principal: Principal, command: TechnicianCommand, key?: string) {
    return ticketView(await this.actions.technicianStep(id, principal, command, key));
  }
}
