import { z } from 'zod';

import { SlotOffer } from '../domain/slot-offer.policy';
import { Interval } from '../domain/time';
import { WORK_ORDER_KINDS, WorkOrderState } from '../domain/work-order.state';
import { WORK_ORDER_STATUSES } from '../domain/work-order.state-machine';

const window = z.object({ from: z.string(), to: z.string() });
const iso = (ms: number) => new Date(ms).toISOString();

/** A window a customer may move the appointment to: POST it back as `slot` ({technicianId, start: window.from}). */
export const offeredSlotSchema = z.object({
  technicianId: z.string(),
  technicianName: z.string(),
  window,
});

/** GET /work-orders/{id}/slots: the next free windows of qualified technicians, earliest first. */
export const slotOffersSchema = z.object({
  workOrderId: z.string(),
  durationMinutes: z.number().int(),
  from: z.string().describe('offered from now …'),
  to: z.string().describe('… over the next APPOINTMENT_SLOT_DAYS days'),
  slots: z.array(offeredSlotSchema),
});
export type SlotOffers = z.infer<typeof slotOffersSchema>;

export const toSlotOffers = (order: WorkOrderState, range: Interval, offers: readonly SlotOffer[]): SlotOffers => ({
  workOrderId: order.workOrderId,
  durationMinutes: order.durationMinutes,
  from: iso(range.from),
  to: iso(range.to),
  slots: offers.map(({ technician, slot }) => ({
    technicianId: technician.technicianId,
    technicianName: technician.name,
    window: { from: iso(slot.from), to: iso(slot.to) },
  })),
});

/** An appointment as its customer sees it: what, when, with whom, and where it stands. */
export const appointmentViewSchema = z.object({
  workOrderId: z.string(),
  kind: z.enum(WORK_ORDER_KINDS),
  summary: z.string(),
  status: z.enum(WORK_ORDER_STATUSES),
  durationMinutes: z.number().int(),
  window: window.optional().describe('the booked visit (none while it waits for a technician)'),
  technicianId: z.string().optional(),
  technicianName: z.string().optional(),
});
export type AppointmentView = z.infer<typeof appointmentViewSchema>;

export const toAppointmentView = (order: WorkOrderState): AppointmentView => ({
  workOrderId: order.workOrderId,
  kind: order.kind,
  summary: order.summary,
  status: order.status,
  durationMinutes: order.durationMinutes,
  window: order.window,
  technicianId: order.technicianId,
  technicianName: order.technicianName,
});

export const ONE_MOVE_NOTICE =
  'this link moves the appointment once: a move changes the appointment, and the confirmation of the move carries a new link';

/** GET /appointment-links/{token}: the appointment and where it may move to. */
export const appointmentLinkViewSchema = z.object({
  appointment: appointmentViewSchema,
  offers: slotOffersSchema,
  notice: z.string().describe(ONE_MOVE_NOTICE),
});
export type AppointmentLinkView = z.infer<typeof appointmentLinkViewSchema>;
