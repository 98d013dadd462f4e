import { Injectable } from '@nestjs/common';

import { EventFactory, untilWritten } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { Catalogue } from '../domain/catalogue';
import { fulfilmentPlan } from '../domain/fulfilment.policy';
import { fillLine } from '../domain/reservation';
import { ReservationStateMachine } from '../domain/reservation.state-machine';
import { stockRowId } from '../domain/stock-location';
import { ReservationRepository } from '../persistence/reservation.repository';
import { StockRepository } from '../persistence/stock.repository';

export interface StockReceipt {
  receiptId: string;
  location: string;
  lines: { sku: string; quantity: number }[];
}

export interface ReceiptOutcome extends StockReceipt {
  /** false: this receipt was counted in before (a redelivery or a repeated request) */
  counted: boolean;
  /** the tickets whose waiting lines this stock filled, in the order it filled them */
  filled: string[];
}

/**
 * Stock arrived at a location (parts.received.v1 from a warehouse, or POST /stock/receipts): it is
 * counted in once per receipt id, then fills the reservations waiting there, oldest first. A
 * reservation whose last line it fills is fulfilled (parts.reservation-fulfilled.v1): repairs then
 * books the return visit.
 */
@Injectable()
export class ReceiveStock {
  constructor(
    private readonly catalogue: Catalogue,
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly events: EventFactory,
  ) {}

  async receive(receipt: StockReceipt, now = new Date()): Promise<ReceiptOutcome> {
    const unknown = receipt.lines.find((line) => !this.catalogue.find(line.sku));
    if (unknown) throw new NotFoundError('catalogue part', unknown.sku);
    let counted = false;
    for (const line of receipt.lines) {
      if (await this.stock.receive(receipt.location, line.sku, line.quantity, receipt.receiptId, now)) counted = true;
    }
    // filled even when counted before: a redelivery finishes what a crash may have left undone
    const filled: string[] = [];
    for (const line of receipt.lines)
      filled.push(...(await this.fill(receipt.location, line.sku, receipt.receiptId, now)));
    return { ...receipt, counted, filled };
  }

  private async fill(location: string, sku: string, receiptId: string, now: Date): Promise<string[]> {
    const waiting = await this.reservations.waitingAt(stockRowId(location, sku));
    const queue = waiting.map((r) => ({
      ticketId: r.ticketId,
      quantity: r.lines.find((l) => l.sku === sku && l.location === location)?.quantity ?? 0,
      waitingSince: r.openedAt,
    }));
    const plan = fulfilmentPlan(queue, await this.stock.available(location, sku));
    const filled: string[] = [];
    for (const line of plan.fulfil) {
      // the conditional take is the authority: a concurrent reservation may have taken the units meanwhile
      if (!(await this.stock.take(location, sku, line.quantity, line.ticketId))) break;
      if (await this.fillReservation(line.ticketId, sku, location, receiptId, now)) filled.push(line.ticketId);
      else await this.stock.settle(location, sku, line.ticketId, line.quantity);
    }
    return filled;
  }

  /** False when the reservation no longer waits for it (cancelled or completed meanwhile): the units go back. */
  private fillReservation(
    ticketId: string,
    sku: string,
    location: string,
    receiptId: string,
    now: Date,
  ): Promise<boolean> {
    return untilWritten(`parts reservation ${ticketId}`, async () => {
      const read = await this.reservations.find(ticketId);
      if (!read || !ReservationStateMachine.can(read.status, 'fulfil')) return false;
      if (!read.lines.some((l) => l.sku === sku && l.location === location && l.state === 'waiting')) return true;
      const change = fillLine(read, sku, location, receiptId, now);
      const events = change.events.map((e) => this.events.create(e.type, e.data, { subject: ticketId }));
      return this.reservations.replace(read, change.state, events);
    });
  }
}
