import { Injectable } from '@nestjs/common';

import { Part } from '@appliance-care/contracts';
import { EventFactory, untilWritten } from '@appliance-care/messaging';

import { Change, consume, release, ReservationState, stockReturns } from '../domain/reservation';
import { ReservationAction, ReservationStateMachine } from '../domain/reservation.state-machine';
import { ReservationRepository } from '../persistence/reservation.repository';
import { StockRepository } from '../persistence/stock.repository';

/**
 * The end of a reservation: the completed repair consumes what it used and gives the rest back
 * (repair.completed.v1), a cancelled ticket gives everything back (repair.cancelled.v1). Each
 * hold is ended once (the stock row forgets it), then the reservation is closed with its event;
 * a redelivery finds both done.
 */
@Injectable()
export class SettleReservation {
  constructor(
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly events: EventFactory,
  ) {}

  consumed(ticketId: string, partsUsed: readonly Part[], now = new Date()): Promise<ReservationState | undefined> {
    return this.close(ticketId, 'consume', partsUsed, (read) => consume(read, partsUsed, now));
  }

  released(ticketId: string, reason: string, now = new Date()): Promise<ReservationState | undefined> {
    return this.close(ticketId, 'release', [], (read) => release(read, reason, now));
  }

  private async close(
    ticketId: string,
    action: ReservationAction,
    partsUsed: readonly Part[],
    change: (read: ReservationState) => Change,
  ): Promise<ReservationState | undefined> {
    const found = await this.reservations.find(ticketId);
    if (!found || !ReservationStateMachine.can(found.status, action)) return found;
    await this.giveBack(found, partsUsed);
    const closed = await untilWritten(`parts reservation ${ticketId}`, async () => {
      const read = await this.reservations.find(ticketId);
      if (!read || !ReservationStateMachine.can(read.status, action)) return read;
      const next = change(read);
      const events = next.events.map((e) => this.events.create(e.type, e.data, { subject: ticketId }));
      const written = await this.reservations.replace(read, next.state, events);
      return written === true ? next.state : written;
    });
    // again with the lines as closed: a line that stock filled between the two reads is given back too
    if (closed) await this.giveBack(closed, partsUsed);
    return closed;
  }

  /** Ends each hold once (settle is a no-op for a hold already ended). */
  private async giveBack(state: ReservationState, partsUsed: readonly Part[]): Promise<void> {
    for (const back of stockReturns(state, partsUsed)) {
      await this.stock.settle(back.location, back.sku, state.ticketId, back.quantity);
    }
  }
}
