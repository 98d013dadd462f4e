import { Get } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';

import { Roles } from '@appliance-care/auth';
import { StockQueries } from '@appliance-care/parts';
import { ApiController, ApiProblems, ApiZodResponse, IdParam } from '@appliance-care/platform';

import { reservationViewSchema } from './parts.schemas';

@ApiController('reservations')
@Roles('dispatcher')
export class ReservationsController {
  constructor(private readonly queries: StockQueries) {}

  @Get(':ticketId')
  @ApiOperation({ summary: "A repair ticket's parts: where each is reserved, or that it is on order" })
  @ApiParam({ name: 'ticketId' })
  @ApiZodResponse(reservationViewSchema, { description: 'the reservation' })
  @ApiProblems([404, 'the ticket has no parts reservation'])
  async one(@IdParam('ticketId') ticketId: string) {
    const { waitingFor: _w, leadTimeDays: _l, version: _v, ...view } = await this.queries.reservation(ticketId);
    return view;
  }
}
