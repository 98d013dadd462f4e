import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, PartsConsumed, PartsRequested, PartsReservationFulfilled } from '@appliance-care/contracts';
import { RecordPartsCost, TrackPartsReservation } from '@appliance-care/repairs';

/** The parts service's word on a ticket's parts (parts.events.v1). */
@Controller()
export class PartsReservationHandler {
  constructor(
    private readonly reservation: TrackPartsReservation,
    private readonly cost: RecordPartsCost,
  ) {}

  @EventPattern('parts.requested.v1')
  async requested(event: EventEnvelope<PartsRequested>): Promise<void> {
    await this.reservation.requested(event);
  }

  @EventPattern('parts.reservation-fulfilled.v1')
  async fulfilled(event: EventEnvelope<PartsReservationFulfilled>): Promise<void> {
    await this.reservation.fulfilled(event);
  }

  @EventPattern('parts.consumed.v1')
  async consumed(event: EventEnvelope<PartsConsumed>): Promise<void> {
    await this.cost.consumed(event);
  }
}
