import { EventEnvelope } from '@appliance-care/contracts';

import type { Actors } from './actors';
import type { Bookkeeping, Lifecycle } from './bookkeeping';
import type { RequestedLine } from './warehouse';

export type Data = Record<string, unknown>;
export type Reaction = (lifecycle: Lifecycle, event: EventEnvelope, data: Data) => void;

/** What the reactions use of the observer: its bookkeeping, the parties, and acting once or later. */
export interface ReactionContext {
  book: Bookkeeping;
  actors: Pick<Actors, 'maintain' | 'warehouse'>;
  once(key: string, action: () => Promise<void>): void;
  later(action: () => Promise<void>, delayMs: number): void;
  /** how long the warehouse takes to deliver (--parts-delivery) */
  partsDeliveryMs: number;
}

const describe = (parts: unknown): string =>
  Array.isArray(parts)
    ? parts.map((p: { sku?: string; quantity?: number }) => `${p.quantity ?? 1} × ${p.sku}`).join(', ')
    : 'parts';

/** The ticket waits for parts (counted once per ticket, whichever event tells first). */
function markWaiting(ctx: ReactionContext, lifecycle: Lifecycle, event: EventEnvelope, parts: unknown): void {
  if (lifecycle.partsRequestedAt) return;
  lifecycle.partsRequestedAt = event.time;
  lifecycle.waitingForParts ??= describe(parts);
  ctx.book.counters.waitedForParts++;
}

/** A maintenance visit dispatch booked: the technician completes it, once per work order and technician. */
export function onMaintenanceBooked(ctx: ReactionContext, lifecycle: Lifecycle, event: EventEnvelope, data: Data) {
  if (!lifecycle.item.maintenance) return;
  if (!lifecycle.maintenanceBookedAt) {
    lifecycle.maintenanceBookedAt = event.time;
    ctx.book.counters.maintenanceBooked++;
  }
  const workOrderId = String(data['workOrderId']);
  const technicianId = String(data['technicianId']);
  const checklist = lifecycle.item.maintenance.checklist;
  ctx.once(`${workOrderId}|${technicianId}`, () =>
    ctx.actors.maintain(lifecycle, workOrderId, technicianId, checklist),
  );
}

/** Event type → what it changes in a maintained appliance's or a short repair's lifecycle, and who acts next. */
export function maintenanceAndPartsReactions(ctx: ReactionContext): Partial<Record<string, Reaction>> {
  const { book } = ctx;
  return {
    'maintenance.due.v1': (lifecycle, event) => {
      if (lifecycle.maintenanceRequestedAt) return;
      lifecycle.maintenanceRequestedAt = event.time;
      book.counters.maintenanceRequested++;
    },
    'maintenance.overdue.v1': () => {
      book.counters.maintenanceOverdue++;
    },
    'maintenance.completed.v1': (lifecycle, event) => {
      if (lifecycle.maintenanceCompletedAt) return;
      lifecycle.maintenanceCompletedAt = event.time;
      book.counters.maintenanceCompleted++;
      book.tracker.record('maintenanceDueToCompleted', lifecycle.maintenanceRequestedAt, event.time);
    },
    // the purchase request: the warehouse delivers after a while
    'parts.requested.v1': (lifecycle, event, data) => {
      book.counters.partsRequests++;
      markWaiting(ctx, lifecycle, event, data['lines']);
      const ticketId = String(data['ticketId']);
      const lines = data['lines'] as RequestedLine[];
      ctx.once(`receipt|${event.id}`, async () =>
        ctx.later(() => ctx.actors.warehouse.deliver(lifecycle, ticketId, event.id, lines), ctx.partsDeliveryMs),
      );
    },
    'repair.awaiting-parts.v1': (lifecycle, event, data) => markWaiting(ctx, lifecycle, event, data['parts']),
    'repair.parts-arrived.v1': (lifecycle, event) => {
      if (lifecycle.partsArrivedAt) return;
      lifecycle.partsArrivedAt = event.time;
      book.counters.partsArrived++;
      book.tracker.record('partsRequestedToArrived', lifecycle.partsRequestedAt, event.time);
    },
  };
}
