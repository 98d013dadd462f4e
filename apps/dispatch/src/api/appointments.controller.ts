import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  apiCaller,
  AppointmentService,
  AppointmentSlots,
  appointmentViewSchema,
  slotOffersSchema,
  toAppointmentView,
} from '@appliance-care/dispatch';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { cancelInput, rescheduleInput } from './appointment.schemas';

const SOMEONE_ELSES = [404, 'no such work order, or another customer’s'] as const;
const NOT_OPEN = [409, 'the work order has started or is closed (currentState names it)'] as const;

/**
 * Customers choose, move and cancel their appointments (their own orders only: someone else's is
 * absent); dispatchers and admins any. The windows offered and the checks on a move are the slot
 * search and the qualification checks of automatic assignment.
 */
@ApiController('appointments', { path: '' })
export class AppointmentsController {
  constructor(
    private readonly slots: AppointmentSlots,
    private readonly appointments: AppointmentService,
  ) {}

  @Get('work-orders/:id/slots')
  @Roles('customer', 'dispatcher')
  @ApiOperation({
    summary:
      'The next free windows of qualified technicians for the work order (region, skill, licence that day, ' +
      'working hours, time off, travel between jobs), earliest first, one per start time',
  })
  @ApiZodResponse(slotOffersSchema, { description: 'the windows offered' })
  @ApiProblems([...SOMEONE_ELSES], [...NOT_OPEN])
  offers(@IdParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.slots.offers(id, apiCaller(principal));
  }

  @Post('work-orders/:id/reschedule')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({
    summary:
      'Move the appointment (or book a waiting order) to an offered window; published as work-order.assigned.v1 ' +
      "(reason 'rescheduled') with work-order.rescheduled.v1, and work-order.released.v1 when the technician changes",
  })
  @ApiZodBody(rescheduleInput)
  @ApiZodResponse(appointmentViewSchema, { description: 'the appointment, moved' })
  @ApiProblems(
    [...SOMEONE_ELSES],
    [409, 'the window is taken (slot-taken), or the work order has started or is closed'],
    [422, 'the window could not be offered (past, beyond the days offered, the technician no longer qualifies)'],
  )
  async reschedule(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(rescheduleInput)) body: z.infer<typeof rescheduleInput>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toAppointmentView(await this.appointments.reschedule(id, body.slot, apiCaller(principal)));
  }

  @Post('work-orders/:id/cancel')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({
    summary: 'Cancel an open work order that has not started; the slot is freed and work-order.cancelled.v1 published',
  })
  @ApiZodBody(cancelInput)
  @ApiZodResponse(appointmentViewSchema, { description: 'the appointment, cancelled' })
  @ApiProblems([...SOMEONE_ELSES], [...NOT_OPEN])
  async cancel(
    @IdParam('id') id: string,
    @Body(new ZodValidationPipe(cancelInput)) body: z.infer<typeof cancelInput>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return toAppointmentView(await this.appointments.cancel(id, body.reason, apiCaller(principal)));
  }
}
