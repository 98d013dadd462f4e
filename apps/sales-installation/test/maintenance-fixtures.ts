import { createEvent, EventEnvelope, PurchaseRecorded, Topics } from '@appliance-care/contracts';
import { addCalendarMonths } from '@appliance-care/kernel';
import { physicalTopic } from '@appliance-care/messaging';
import { applianceIdFor } from '@appliance-care/sales-installation';
import { customerOf, KafkaProbe, purchaseOf, purchaseRecordedEvent } from '@appliance-care/testing';

let counter = 0;

export const DAY_MS = 86_400_000;

/** A customer's boiler (annual gas-safety plan, leadDays 21) and kettle (no plan), bought at `purchasedAt`. */
export function boilerPurchase(
  tag: string,
  purchasedAt: string,
): { order: PurchaseRecorded; boilerId: string; kettleId: string; customerId: string } {
  const n = `${tag}-${++counter}-${Date.now().toString(36)}`;
  const customerId = `C-mnt-${n}`;
  const order = purchaseOf(
    `ORD-mnt-${n}`,
    customerOf(customerId),
    [
      { lineId: '1', sku: 'BO-30', category: 'boiler', brand: 'Acme', serialNumber: `BO-${n}`, warrantyMonths: 24 },
      { lineId: '2', sku: 'KT-1', category: 'kettle', serialNumber: `KT-${n}`, warrantyMonths: 12 },
    ],
    { purchasedAt },
  );
  return { order, boilerId: applianceIdFor(`BO-${n}`), kettleId: applianceIdFor(`KT-${n}`), customerId };
}

/** Bought a day ago: due in a year less a day; the sweep's `now` moves to the request time or past the due date. */
export const boughtYesterday = () => new Date(Date.now() - DAY_MS).toISOString();
export const dueAtOf = (purchasedAt: string) => addCalendarMonths(purchasedAt, 12);
export const requestTimeOf = (purchasedAt: string) => new Date(Date.parse(dueAtOf(purchasedAt)) - 20 * DAY_MS);
export const afterDueOf = (purchasedAt: string) => new Date(Date.parse(dueAtOf(purchasedAt)) + DAY_MS);

export const purchaseTopic = () => physicalTopic(Topics.purchases);
export const purchaseEvent = purchaseRecordedEvent;

/** Stands in for dispatch: a maintenance work order booked or cancelled. */
export async function dispatchSays(
  probe: KafkaProbe,
  type: 'work-order.assigned.v1' | 'work-order.cancelled.v1',
  due: EventEnvelope,
  technicianId: string,
): Promise<string> {
  const d = due.data as { applianceId: string; customerId: string; attempt: number; preferredWindow: { from: string } };
  const workOrderId = `WO-maintenance-${d.applianceId}-${d.attempt}`;
  const from = d.preferredWindow.from;
  const window = { from, to: new Date(Date.parse(from) + 90 * 60_000).toISOString() };
  const ref = {
    workOrderId,
    kind: 'maintenance' as const,
    sourceId: d.applianceId,
    applianceId: d.applianceId,
    customerId: d.customerId,
  };
  const data =
    type === 'work-order.assigned.v1'
      ? { ...ref, technicianId, technicianName: `Technician ${technicianId}`, window, reason: 'best match' }
      : {
          ...ref,
          technicianId,
          window,
          cancelledBy: 'customer' as const,
          via: 'link' as const,
          reason: 'away',
          cancelledAt: new Date().toISOString(),
        };
  await probe.publish(
    physicalTopic(Topics.dispatch),
    createEvent({
      type,
      source: '/test/dispatch',
      subject: d.applianceId,
      data,
      correlationid: due.correlationid,
      causationid: due.id,
    }),
  );
  return workOrderId;
}
