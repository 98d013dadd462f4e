import { applyDecorators, Body, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, hasRole, Principal, Roles } from '@appliance-care/auth';
import { isoDateTime } from '@appliance-care/contracts';
import { StepActor, TechnicianProgress, toView, workOrderViewSchema } from '@appliance-care/dispatch';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

const emptyBody = z.strictObject({}).optional();
const declineBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
const enRouteBody = z.strictObject({ eta: isoDateTime.describe('expected arrival at the customer') });

/** The holder's step on an installation or diagnostic visit: POST work-orders/:id/<step>, 200 with the order after it. */
function HolderStep(step: 'accept' | 'decline' | 'en-route', summary: string, body: z.ZodType): MethodDecorator {
  return applyDecorators(
    Post(`work-orders/:id/${step}`),
    HttpCode(200),
    Roles('technician'),
    ApiOperation({ summary }),
    ApiZodBody(body, step === 'accept' ? { description: 'no body, or {}' } : {}),
    ApiZodResponse(workOrderViewSchema, { description: 'the work order after the step' }),
    ApiProblems(
      [404, 'no such work order, or not assigned to this technician'],
      [409, "the order's status does not allow it (currentState), or it is a repair: use the ticket's endpoint"],
    ),
  );
}

/** An admin acts on the holder's behalf; a technician only on what they hold (a token without an id holds nothing). */
const actorOf = (principal: Principal): StepActor =>
  hasRole(principal, 'admin') ? {} : { technicianId: principal.technicianId ?? '' };

/**
 * A technician's own steps on the installations and diagnostic visits they hold, as repairs has
 * them on tickets (the same roles: the holder, or an admin; a dispatcher places and reassigns).
 */
@ApiController('work-orders', { path: '' })
export class WorkOrderProgressController {
  constructor(private readonly progress: TechnicianProgress) {}

  @HolderStep('accept', 'The assigned technician accepts the installation or diagnostic visit', emptyBody)
  async accept(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(emptyBody)) _body: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toView(await this.progress.accept(id, actorOf(principal)));
  }

  @HolderStep(
    'decline',
    'The assigned technician turns it down: the next qualified technician is booked, or the order waits',
    declineBody,
  )
  async decline(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(declineBody)) body: z.infer<typeof declineBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toView(await this.progress.decline(id, actorOf(principal), body.reason));
  }

  @HolderStep('en-route', 'On the way (after accepting), with an ETA the customer is told', enRouteBody)
  async enRoute(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(enRouteBody)) body: z.infer<typeof enRouteBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toView(await this.progress.enRoute(id, actorOf(principal), body.eta));
  }
}
