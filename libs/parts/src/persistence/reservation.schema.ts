import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { ReservationState } from '../domain/reservation';

export const RESERVATION_MODEL = 'Reservation';

/** _id = ticketId: one reservation per ticket, so a redelivered ticket-opened finds it taken. */
export type ReservationDocument = Omit<ReservationState, 'ticketId'> & { _id: string } & Partial<OutboxFields>;

const lineSchema = new Schema(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    quantity: { type: Number, required: true },
    location: { type: String, required: true },
    unitPrice: { type: Number, required: true },
    unitCost: { type: Number, required: true },
    currency: { type: String, required: true },
    state: { type: String, required: true },
  },
  { _id: false },
);

/** A ticket's parts reservation, carrying its events in its own outbox. */
export const reservationSchema = withOutbox(
  new Schema<ReservationDocument>(
    {
      _id: { type: String, required: true },
      applianceId: { type: String, required: true },
      customerId: { type: String, required: true },
      region: { type: String, required: true },
      coverage: { type: String, required: true },
      technicianId: String,
      status: { type: String, required: true },
      lines: { type: [lineSchema], default: [] },
      // a receipt finds the reservations waiting at its rows, oldest first
      waitingFor: { type: [String], default: [], index: true },
      openedAt: { type: String, required: true },
      leadTimeDays: { type: Number, required: true },
      version: { type: Number, required: true },
    },
    { versionKey: false, collection: 'reservations' },
  ),
);
