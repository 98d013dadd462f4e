import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import {
  EventEnvelope,
  RepairAccepted,
  RepairAwaitingParts,
  RepairCancelled,
  RepairCompleted,
  RepairTicketOpened,
} from '@appliance-care/contracts';
import { PreferAssignedVan, ReserveParts, SettleReservation } from '@appliance-care/parts';

/** A repair ticket's life as parts sees it: opened (reserve), accepted (the technician's van first), a visit short of parts (reserve more), completed (consume), cancelled (release). */
@Controller()
export class RepairTicketHandler {
  constructor(
    private readonly reserving: ReserveParts,
    private readonly settling: SettleReservation,
    private readonly vans: PreferAssignedVan,
  ) {}

  @EventPattern('repair.ticket-opened.v1')
  async opened(event: EventEnvelope<RepairTicketOpened>): Promise<void> {
    await this.reserving.onTicketOpened(event.data);
  }

  @EventPattern('repair.accepted.v1')
  async accepted(event: EventEnvelope<RepairAccepted>): Promise<void> {
    await this.vans.accepted(event.data.ticketId, event.data.technicianId);
  }

  @EventPattern('repair.awaiting-parts.v1')
  async awaitingParts(event: EventEnvelope<RepairAwaitingParts>): Promise<void> {
    await this.reserving.onAwaitingParts(event);
  }

  @EventPattern('repair.completed.v1')
  async completed(event: EventEnvelope<RepairCompleted>): Promise<void> {
    await this.settling.consumed(event.data.ticketId, event.data.partsUsed);
  }

  @EventPattern('repair.cancelled.v1')
  async cancelled(event: EventEnvelope<RepairCancelled>): Promise<void> {
    await this.settling.released(event.data.ticketId, `ticket cancelled by the ${event.data.cancelledBy}`);
  }
}
