import { Injectable, Logger } from '@nestjs/common';

import { Part, RepairTicketOpened } from '@appliance-care/contracts';
import { EventFactory, untilWritten } from '@appliance-care/messaging';

import { Catalogue } from '../domain/catalogue';
import { lineFor, ReservationLine, ReservationState, settle } from '../domain/reservation';
import {
  mergedLines,
  reservationSources,
  shortageLocation,
  SourceCandidate,
} from '../domain/reservation-source.policy';
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
    const parts = this.catalogued(ticket);
    if (parts.length === 0) return undefined;
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

  /** Taken where the ticket already holds it (a redelivery), else from the first source that has enough. */
  private async reserveLine(
    ticket: RepairTicketOpened,
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
  private catalogued(ticket: RepairTicketOpened): Part[] {
    const parts = mergedLines(ticket.parts);
    const unknown = parts.filter((p) => !this.catalogue.find(p.sku)).map((p) => p.sku);
    if (unknown.length)
      this.logger.warn({ ticketId: ticket.ticketId, unknown }, 'parts not in the catalogue are not reserved');
    return parts.filter((p) => this.catalogue.find(p.sku));
  }

  private opened(ticket: RepairTicketOpened, parts: Part[], now: Date): ReservationState {
    const leadTimeDays = Math.max(...parts.map((p) => this.catalogue.find(p.sku)?.leadTimeDays ?? 1));
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
}
