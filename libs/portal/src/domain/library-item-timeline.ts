import { z } from 'zod';

import { EventEnvelope } from '@appliance-care/contracts';

import { Arrival } from './timeline-event.mapper';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Who acted on a library item: library staff, the patron, or the system (acquisitions, a serial's pattern). */
export const libraryActorSchema = z.object({
  kind: z.enum(['librarian', 'library-technician', 'patron', 'system']),
  id: z.string().optional(),
});
export type LibraryActor = z.infer<typeof libraryActorSchema>;

/** What the portal remembers of one library event for one item (a shipment's event: one per item in it). */
export interface LibraryItemEntry {
  /** the event id, and the item's for an event about several items: a redelivery maps to the same entry */
  id: string;
  itemId: string;
  type: string;
  eventType: string;
  time: string;
  actor: LibraryActor;
  summary: string;
  /** the item's status after the fact, when the event says it */
  status?: string;
  /** the patron of a hold: who may read this item's timeline */
  patronId?: string;
  /** the stream the event came on and when it arrived (see TimelineEntry.position) */
  position?: { stream: string; offset: number };
}

type Describe = (d: Data) => { actor: LibraryActor; summary: string };

const system: LibraryActor = { kind: 'system' };
const technician = (d: Data): LibraryActor => ({ kind: 'library-technician', id: d['technicianId'] });
const librarian = (id: string): LibraryActor => ({ kind: 'librarian', id });

/** Every item event the timeline shows, keyed by itemId, with who acted and a one-line summary. */
const itemDescribers: Record<string, Describe> = {
  'library.item.registered.v1': (d) => ({
    actor: d['source'] === 'staff' ? { kind: 'librarian' } : system,
    summary: `Received ${d['format']} "${d['title']}" (barcode ${d['barcode']}) at ${d['branch']}, for ${d['cataloguing']} cataloguing`,
  }),
  'library.cataloguing.submitted.v1': (d) => ({
    actor: technician(d),
    summary: `Original record submitted for a librarian's approval (call number ${d['record'].callNumber})`,
  }),
  'library.cataloguing.returned.v1': (d) => ({
    actor: librarian(d['librarianId']),
    summary: `Record returned to its cataloguer: ${d['reason']}`,
  }),
  'library.cataloguing.completed.v1': (d) => ({
    actor: d['approvedBy'] ? librarian(d['approvedBy']) : technician(d),
    summary: `${d['kind'] === 'original' ? 'Original record approved' : 'Copy cataloguing done'} (call number ${d['record'].callNumber}); physical processing next`,
  }),
  'library.hold.placed.v1': (d) => ({
    actor: { kind: 'patron', id: d['patron'].patronId },
    summary: `Hold ${d['holdId']} placed`,
  }),
  'library.item.shelf-ready.v1': (d) => ({
    actor: technician(d),
    summary: `Shelf-ready at ${d['branch']} (call number ${d['callNumber']})${d['holdIds'].length ? `; ${d['holdIds'].length} hold(s) to fill` : ''}`,
  }),
  'library.item.damage-reported.v1': (d) => ({
    actor: { kind: 'librarian', id: d['reportedBy'] },
    summary: `Damage reported at circulation: ${d['damage']}`,
  }),
  'library.item.triaged.v1': (d) => ({
    actor: librarian(d['librarianId']),
    summary: `Triaged: ${({ repair: 'repair in house', bind: 'send to binding', withdraw: 'withdraw' } as Record<string, string>)[d['decision']]}${d['reason'] ? ` (${d['reason']})` : ''}`,
  }),
  'library.item.repaired.v1': (d) => ({ actor: technician(d), summary: 'Repaired in house; back in circulation' }),
  'library.serial.volume-completed.v1': (d) => ({
    actor: system,
    summary: `Volume ${d['volume']} of "${d['title']}" complete: queued for binding`,
  }),
};

/** A shipment's events: one entry per item in it. */
const shipmentDescribers: Record<string, Describe> = {
  'library.binding.shipment-sent.v1': (d) => ({
    actor: { kind: 'library-technician', id: d['sentBy'] },
    summary: `Sent to the bindery ${d['bindery']} in shipment ${d['shipmentId']}`,
  }),
  'library.binding.shipment-returned.v1': (d) => ({
    actor: { kind: 'library-technician', id: d['receivedBy'] },
    summary: `Back from the bindery ${d['bindery']} (shipment ${d['shipmentId']})`,
  }),
};

/** The library event types the item timeline consumes. */
export const libraryTimelineEventTypes = (): string[] => [
  ...Object.keys(itemDescribers),
  ...Object.keys(shipmentDescribers),
];

/** The items an event is about: its itemId, or each item of a shipment. */
function itemsOf(event: EventEnvelope): string[] {
  const data = event.data as Data;
  if (event.type in shipmentDescribers) return (data['items'] as { itemId: string }[]).map((i) => i.itemId);
  return typeof data['itemId'] === 'string' ? [data['itemId']] : [];
}

/** Events not keyed by the item (a shipment's, a subscription's volume) come on another partition. */
const OTHER_KEYS = new Set([...Object.keys(shipmentDescribers), 'library.serial.volume-completed.v1']);

/** An item's own events share its partition, so arrival orders them; another key's are a stream of their own. */
const streamOf = (event: EventEnvelope, arrival: Arrival): string =>
  OTHER_KEYS.has(event.type) ? `${arrival.topic}:${event.type}:${event.subject ?? event.id}` : arrival.topic;

/**
 * The entries of a library event: one for its item, or one per item of a shipment (each with its own
 * id, the event's and the item's). Undefined types give none.
 */
export function toLibraryItemEntries(event: EventEnvelope, arrival?: Arrival): LibraryItemEntry[] {
  const describe = itemDescribers[event.type] ?? shipmentDescribers[event.type];
  if (!describe) return [];
  const data = event.data as Data;
  const { actor, summary } = describe(data);
  const fanOut = event.type in shipmentDescribers;
  // a shipment's events carry no item status: sent puts its items at the bindery, returned back on the shelf
  const status = fanOut ? (event.type.endsWith('sent.v1') ? 'at-bindery' : 'available') : data['status'];
  return itemsOf(event).map((itemId) => ({
    id: fanOut ? `${event.id}:${itemId}` : event.id,
    itemId,
    type: event.type.replace(/\.v\d+$/, ''),
    eventType: event.type,
    time: new Date(event.time).toISOString(),
    actor,
    summary,
    ...(status ? { status } : {}),
    ...(event.type === 'library.hold.placed.v1' ? { patronId: data['patron'].patronId } : {}),
    ...(arrival ? { position: { stream: streamOf(event, arrival), offset: arrival.sequence } } : {}),
  }));
}

/**
 * The item's timeline order: the events keyed by the item keep their arrival (publication) order,
 * and those of other keys (shipments, the serial's volume) are merged in by event time.
 */
export function orderItemTimeline(entries: readonly LibraryItemEntry[]): LibraryItemEntry[] {
  const byTime = (a: LibraryItemEntry, b: LibraryItemEntry) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id);
  const streams = new Map<string, LibraryItemEntry[]>();
  for (const entry of entries) {
    const key = entry.position?.stream ?? `entry:${entry.id}`;
    streams.set(key, [...(streams.get(key) ?? []), entry]);
  }
  const queues = [...streams.values()].map((s) =>
    s.sort((a, b) => (a.position?.offset ?? 0) - (b.position?.offset ?? 0) || byTime(a, b)),
  );
  const ordered: LibraryItemEntry[] = [];
  while (ordered.length < entries.length) {
    let pick = -1;
    queues.forEach((q, i) => {
      if (q.length && (pick < 0 || byTime(q[0], queues[pick][0]) < 0)) pick = i;
    });
    ordered.push(queues[pick].shift() as LibraryItemEntry);
  }
  return ordered;
}

/** The item's status now: the last entry that said one. */
export const currentItemStatus = (ordered: readonly LibraryItemEntry[]): string | undefined =>
  [...ordered].reverse().find((e) => e.status)?.status;
