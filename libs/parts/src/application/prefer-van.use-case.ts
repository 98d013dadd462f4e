import { Injectable } from '@nestjs/common';

import { EventFactory, untilWritten } from '@appliance-care/messaging';

import { depotOf, vanOf } from '../domain/stock-location';
import { movedToVan, VanMove, vanMoves } from '../domain/van-preference.policy';
import { ReservationRepository } from '../persistence/reservation.repository';
import { StockRepository } from '../persistence/stock.repository';

/**
 * The technician who accepted the job has a line's part on their van: it is held there and the
 * depot's hold given back. Order makes it safe to repeat: the van is taken first (a take the ticket
 * already holds is a no-op), the reservation rewritten, then the depot's hold ended (once), also
 * on a redelivery that finds the line already moved.
 */
@Injectable()
export class PreferAssignedVan {
  constructor(
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly events: EventFactory,
  ) {}

  async accepted(ticketId: string, technicianId: string, now = new Date()): Promise<void> {
    const found = await this.reservations.find(ticketId);
    if (!found) return;
    const moves: VanMove[] = [];
    for (const move of vanMoves(found, technicianId)) {
      const line = found.lines.find((l) => l.sku === move.sku && l.location === move.from)!;
      if (await this.stock.take(move.to, move.sku, line.quantity, ticketId)) moves.push(move);
    }
    const written = await untilWritten(`parts reservation ${ticketId}`, async () => {
      const read = await this.reservations.find(ticketId);
      if (!read) return read;
      const change = movedToVan(read, moves, now);
      if (change.events.length === 0) return read;
      const events = change.events.map((e) => this.events.create(e.type, e.data, { subject: ticketId }));
      const result = await this.reservations.replace(read, change.state, events);
      return result === true ? change.state : result;
    });
    // the depot's hold of every line now on the van ends, also when a redelivery finds it moved already
    const depot = depotOf(found.region);
    for (const line of (written ?? found).lines.filter((l) => l.location === vanOf(technicianId))) {
      if ((await this.stock.holds(depot, line.sku, ticketId)) !== undefined)
        await this.stock.settle(depot, line.sku, ticketId, line.quantity);
    }
  }
}
