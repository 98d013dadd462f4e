import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  createEvent,
  EventData,
  EventEnvelope,
  EventType,
  PartsReceived,
  RepairAccepted,
  RepairAwaitingParts,
  RepairCancelled,
  RepairCompleted,
  RepairTicketOpened,
  Topics,
  TypedEnvelope,
} from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { waitFor } from '@appliance-care/testing';

export const topics = {
  repairs: () => physicalTopic(Topics.repairs),
  parts: () => physicalTopic(Topics.parts),
  warehouse: () => physicalTopic(Topics.warehouseParts),
};

let n = 0;
export const uid = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++n}`;

/** A seed file of stock rows, written for one suite. */
export function seedFile(rows: { location: string; sku: string; quantity: number }[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'parts-seed-')), 'stock.seed.json');
  writeFileSync(file, JSON.stringify(rows));
  return file;
}

const part = (sku: string, quantity: number) => ({ sku, name: sku, quantity });

/** repairs' stand-in: an event of the ticket's appliance, as repairs publishes it (keyed and subject by appliance) */
function repairEvent<T extends EventType>(type: T, applianceId: string, data: EventData<T>): TypedEnvelope<T> {
  return createEvent({ type, source: '/appliance-care/repairs', subject: applianceId, data });
}

/** A probe filter: the events of one ticket. */
export const forTicket = (ticketId: string) => (e: { data: unknown }) =>
  (e.data as { ticketId?: string }).ticketId === ticketId;

/** repairs' stand-in: a ticket opened with the diagnosis' parts */
export function ticketOpened(
  ticketId: string,
  parts: [string, number][],
  over: Partial<RepairTicketOpened> = {},
): EventEnvelope<RepairTicketOpened> {
  const now = new Date().toISOString();
  return repairEvent('repair.ticket-opened.v1', over.applianceId ?? 'A-P', {
    ticketId,
    applianceId: 'A-P',
    customerId: 'C-P',
    caseId: `CASE-${ticketId}`,
    category: 'washing-machine',
    requiredSkill: 'appliance-general',
    region: 'leeds',
    priority: 'normal',
    severity: 'medium',
    slaDueAt: new Date(Date.now() + 72 * 3600e3).toISOString(),
    durationMinutes: 90,
    coverage: { status: 'billable', reason: 'out of warranty' },
    faults: [{ component: 'drain pump', description: 'blocked' }],
    parts: parts.map(([sku, quantity]) => part(sku, quantity)),
    openedAt: now,
    ...over,
  });
}

export function ticketCompleted(
  ticketId: string,
  used: [string, number][],
  applianceId = 'A-P',
): EventEnvelope<RepairCompleted> {
  return repairEvent('repair.completed.v1', applianceId, {
    ticketId,
    applianceId,
    customerId: 'C-P',
    technicianId: 'T-P',
    at: new Date().toISOString(),
    workDone: 'pump replaced',
    partsUsed: used.map(([sku, quantity]) => part(sku, quantity)),
    labourMinutes: 60,
    signedOffBy: 'customer',
    firstTimeFix: true,
  });
}

/** repairs' stand-in: the technician dispatch booked took the job */
export function ticketAccepted(
  ticketId: string,
  technicianId: string,
  applianceId = 'A-P',
): EventEnvelope<RepairAccepted> {
  const data = { ticketId, applianceId, customerId: 'C-P', technicianId, at: new Date().toISOString() };
  return repairEvent('repair.accepted.v1', applianceId, data);
}

/** repairs' stand-in: the technician on site found parts needed (or the ticket waits for parts on order) */
export function ticketAwaitingParts(
  ticketId: string,
  technicianId: string,
  parts: [string, number][],
  applianceId = 'A-P',
): EventEnvelope<RepairAwaitingParts> {
  return repairEvent('repair.awaiting-parts.v1', applianceId, {
    ticketId,
    applianceId,
    customerId: 'C-P',
    technicianId,
    at: new Date().toISOString(),
    parts: parts.map(([sku, quantity]) => part(sku, quantity)),
    expectedAt: new Date(Date.now() + 3 * 86400e3).toISOString(),
    slaPaused: true,
  });
}

export function ticketCancelled(ticketId: string, applianceId = 'A-P'): EventEnvelope<RepairCancelled> {
  return repairEvent('repair.cancelled.v1', applianceId, {
    ticketId,
    applianceId,
    customerId: 'C-P',
    at: new Date().toISOString(),
    reason: 'fixed it myself',
    cancelledBy: 'customer',
  });
}

/** the warehouse system's stand-in: stock delivered to a location */
export function partsReceived(
  location: string,
  lines: [string, number][],
  receiptId = uid('GRN'),
): EventEnvelope<PartsReceived> {
  return createEvent({
    type: 'parts.received.v1',
    source: '/warehouse/goods-in',
    subject: location,
    data: {
      receiptId,
      location,
      lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
      receivedAt: new Date().toISOString(),
    },
  }) as EventEnvelope<PartsReceived>;
}

export const dispatcher = () => tokenFor('dispatcher', {}, 'dispatcher-parts');
export const technician = (technicianId: string) => tokenFor('technician', { technicianId }, `user-${technicianId}`);

/** A sku's stock at a location, as a dispatcher reads it. */
export async function stockOf(
  svc: RunningService,
  location: string,
  sku: string,
): Promise<{ available: number; reserved: number } | undefined> {
  const res = await http('GET', `${svc.url}/api/v1/stock/${location}`, { token: await dispatcher() });
  const row =
    res.status === 200
      ? (res.body.items as { sku: string; available: number; reserved: number }[]).find((r) => r.sku === sku)
      : undefined;
  return row && { available: row.available, reserved: row.reserved };
}

export async function waitForReservation(
  svc: RunningService,
  ticketId: string,
  ready: (r: any) => boolean = () => true,
): Promise<any> {
  const token = await dispatcher();
  return waitFor(
    async () => {
      const res = await http('GET', `${svc.url}/api/v1/reservations/${ticketId}`, { token });
      return res.status === 200 && ready(res.body) ? res.body : undefined;
    },
    { what: `reservation of ${ticketId}` },
  );
}
