import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { CONFLICT, Conflict, insertWithEvents, withEvents } from '@appliance-care/messaging';

import { ReservationState } from '../domain/reservation';
import { RESERVATION_MODEL, ReservationDocument } from './reservation.schema';

const NOT_STATE = { outbox: 0, outboxPending: 0, outboxRev: 0, outboxSince: 0, outboxParked: 0 } as const;

function fromDoc({ _id, ...doc }: ReservationDocument): ReservationState {
  const fields = Object.fromEntries(Object.entries(doc).filter(([, value]) => value !== null && value !== undefined));
  return { ...fields, ticketId: _id } as ReservationState;
}

/** Reservations: each change one conditional write (on the version) carrying its events. */
@Injectable()
export class ReservationRepository {
  constructor(@InjectModel(RESERVATION_MODEL) private readonly model: Model<ReservationDocument>) {}

  /** Stores a new reservation (no events yet: it is being taken); false when the ticket has one. */
  insert(state: ReservationState): Promise<boolean> {
    const { ticketId, ...rest } = state;
    return insertWithEvents(this.model, { _id: ticketId, ...rest }, []);
  }

  async find(ticketId: string): Promise<ReservationState | undefined> {
    const doc = await this.model.findById(ticketId, NOT_STATE).lean<ReservationDocument>().exec();
    return doc ? fromDoc(doc) : undefined;
  }

  /** Writes `next` over the version it was read at, with its events; CONFLICT when it moved meanwhile. */
  async replace(
    read: ReservationState,
    next: ReservationState,
    events: readonly EventEnvelope[],
  ): Promise<true | Conflict> {
    const { ticketId: _id, ...state } = next;
    const update = withEvents<ReservationDocument>({ $set: { ...state, version: read.version + 1 } }, events);
    const res = await this.model.updateOne({ _id: read.ticketId, version: read.version }, update).exec();
    return res.matchedCount === 1 ? true : CONFLICT;
  }

  /** The reservations waiting at a stock row, oldest first (the order arriving stock fills them in). */
  async waitingAt(row: string): Promise<ReservationState[]> {
    const docs = await this.model
      .find({ waitingFor: row, status: 'waiting' }, NOT_STATE)
      .sort({ openedAt: 1, _id: 1 })
      .limit(500)
      .lean<ReservationDocument[]>()
      .exec();
    return docs.map(fromDoc);
  }
}
