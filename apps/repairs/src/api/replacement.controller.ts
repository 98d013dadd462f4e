import { Body, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';
import { ReplacementDecisions, ticketView, ticketViewSchema } from '@appliance-care/repairs';

import { approveReplacementBodySchema, reasonBodySchema } from './tickets.schemas';

/** A dispatcher's (or an admin's) answer to the warranty replacement a covered ticket proposed. */
@ApiController('tickets')
export class ReplacementController {
  constructor(private readonly decisions: ReplacementDecisions) {}

  @Post(':id/replacement/approve')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({
    summary:
      'Approve the proposed warranty replacement: the ticket ends as replaced and sales-installation registers the replacement appliance',
  })
  @ApiZodBody(approveReplacementBodySchema, {
    description: "no body, {}, or the replacement unit's serial number (else a placeholder RMA-<old serial>)",
    example: { serialNumber: 'WM-2027-00042' },
  })
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket, replaced' })
  @ApiProblems([404, 'no such ticket'], [409, 'no replacement is proposed, or the ticket is closed (currentState)'])
  async approve(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(approveReplacementBodySchema)) body: z.infer<typeof approveReplacementBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return ticketView(await this.decisions.approve(id, principal, body?.serialNumber, key));
  }

  @Post(':id/replacement/reject')
  @HttpCode(200)
  @Roles('dispatcher')
  @ApiOperation({ summary: 'Reject the proposed warranty replacement: the repair goes on' })
  @ApiZodBody(reasonBodySchema)
  @ApiZodResponse(ticketViewSchema, { description: 'the ticket, its repair going on' })
  @ApiProblems([404, 'no such ticket'], [409, 'no replacement is proposed, or the ticket is closed (currentState)'])
  async reject(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(reasonBodySchema)) body: z.infer<typeof reasonBodySchema>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return ticketView(await this.decisions.reject(id, principal, body.reason, key));
  }
}
