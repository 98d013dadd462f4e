import { Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, Part, RepairAwaitingParts, RepairTicketOpened } from '@appliance-care/contracts';
import { EventFactory, untilWritten } from '@appliance-care/messaging';

import { Catalogue } from '../domain/catalogue';
import { lineFor, ReservationLine, ReservationState, settle } from '../domain/reservation';
import { amend, newNeeds } from '../domain/reservation-amendment';
import {
  mergedLines,
  reservationSources,
  shortageLocation,
  SourceCandidate,
} from '../domain/reservation-source.policy';
import { ReservationStateMachine } from '../domain/reservation.state-machine';
import { ReservationRepository } from '../persistence/reservation.repository';
import { StockRepository } from '../persistence/stock.repository';

/**
 * A ticket opened with parts: each line is taken whole from the first source that has it (the
 * technician's van, then the region's depot) by a conditional update of that stock row; what no
 * source has is requested for the depot. The reservation is written first (`reserving`), so that a
 * redelivery finds the holds already taken and only settles it once, with its events.
 */
@Injectable()
export class ReserveParts {
  private readonly logger = new Logger(ReserveParts.name);

  constructor(
    private readonly catalogue: Catalogue,
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly events: EventFactory,
  ) {}

  async onTicketOpened(ticket: RepairTicketOpened, now = new Date()): Promise<ReservationState | undefined> {
    // a ticket without parts is kept too (no lines): a visit may find some needed, and needs its region then
    const parts = this.catalogued(ticket.ticketId, ticket.parts);
    await this.reservations.insert(this.opened(ticket, parts, now));
    const stored = await this.reservations.find(ticket.ticketId);
    if (!stored || stored.status !== 'reserving') return stored;
    const sources = reservationSources({ region: ticket.region, technicianId: ticket.diagnosedBy });
    const lines: ReservationLine[] = [];
    for (const part of parts) lines.push(await this.reserveLine(ticket, part, sources));
    return untilWritten(`parts reservation ${ticket.ticketId}`, async () => {
      const read = await this.reservations.find(ticket.ticketId);
      if (!read || read.status !== 'reserving') return read;
      const change = settle(read, lines, now);
      const events = change.events.map((e) => this.events.create(e.type, e.data, { subject: ticket.ticketId }));
      const written = await this.reservations.replace(read, change.state, events);
      return written === true ? change.state : written;
    });
  }

  /**
   * A technician on site found parts needed (repair.awaiting-parts.v1): the ones the reservation
   * does not have yet are taken from that technician's van, then the depot, else ordered. The
   * shortage path's own awaiting-parts (parts this service put on order) and a redelivery add nothing.
   */
  async onAwaitingParts(event: EventEnvelope<RepairAwaitingParts>, now = new Date()): Promise<void> {
    const { ticketId, technicianId } = event.data;
    const parts = this.catalogued(ticketId, event.data.parts);
    const found = await this.reservations.find(ticketId);
    if (!found || !ReservationStateMachine.can(found.status, 'amend')) return;
    const needed = newNeeds(found, parts);
    if (needed.length === 0) return;
    const sources = reservationSources({ region: found.region, technicianId });
    const added: ReservationLine[] = [];
    for (const part of needed) added.push(await this.reserveLine(found, part, sources));
    await untilWritten(`parts reservation ${ticketId}`, async () => {
      const read = await this.reservations.find(ticketId);
      if (!read || !ReservationStateMachine.can(read.status, 'amend')) return read;
      const fresh = added.filter((line) => newNeeds(read, [line]).length);
      if (fresh.length === 0) return read;
      const change = amend({ ...read, leadTimeDays: this.leadTime(read, fresh) }, fresh, event.id, now);
      const events = change.events.map((e) => this.events.create(e.type, e.data, { subject: ticketId }));
      const written = await this.reservations.replace(read, change.state, events);
      return written === true ? change.state : written;
    });
  }

  /** Taken where the ticket already holds it (a redelivery), else from the first source that has enough. */
  private async reserveLine(
    ticket: Pick<RepairTicketOpened, 'ticketId' | 'region'>,
    part: Part,
    sources: SourceCandidate[],
  ): Promise<ReservationLine> {
    const item = this.catalogue.find(part.sku)!;
    for (const source of sources) {
      if ((await this.stock.holds(source.location, part.sku, ticket.ticketId)) !== undefined)
        return lineFor(part, item, source.location, 'reserved');
    }
    for (const source of sources) {
      if (await this.stock.take(source.location, part.sku, part.quantity, ticket.ticketId))
        return lineFor(part, item, source.location, 'reserved');
    }
    return lineFor(part, item, shortageLocation(ticket).location, 'waiting');
  }

  /** Parts the catalogue does not list cannot be stocked, priced or ordered: logged and left to the technician. */
  private catalogued(ticketId: string, lines: readonly Part[]): Part[] {
    const parts = mergedLines(lines);
    const unknown = parts.filter((p) => !this.catalogue.find(p.sku)).map((p) => p.sku);
    if (unknown.length) this.logger.warn({ ticketId, unknown }, 'parts not in the catalogue are not reserved');
    return parts.filter((p) => this.catalogue.find(p.sku));
  }

  private opened(ticket: RepairTicketOpened, parts: Part[], now: Date): ReservationState {
    const leadTimeDays = this.leadTime({ leadTimeDays: 1 }, parts);
    return {
      ticketId: ticket.ticketId,
      applianceId: ticket.applianceId,
      customerId: ticket.customerId,
      region: ticket.region,
      coverage: ticket.coverage.status,
      technicianId: ticket.diagnosedBy,
      status: 'reserving',
      lines: [],
      waitingFor: [],
      openedAt: now.toISOString(),
      leadTimeDays,
      version: 0,
    };
  }

  /** Days until a purchase is expected: the longest catalogue lead time of the parts (at least `state`'s). */
  private leadTime(state: Pick<ReservationState, 'leadTimeDays'>, parts: readonly Part[]): number {
    return Math.max(state.leadTimeDays, ...parts.map((p) => this.catalogue.find(p.sku)?.leadTimeDays ?? 1));
  }
}
