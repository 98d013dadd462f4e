import { TriageDecision } from '@appliance-care/contracts';

import { moved } from './item-cataloguing';
import { childId, Hold, ItemChange, itemRef, ItemState } from './library-item';
import { closeOpenTask, requestTask } from './library-task';

/**
 * A patron's hold on an item still in processing; once per patron per item (a second request
 * changes nothing and answers the hold placed first).
 */
export function placeHold(item: ItemState, patron: Omit<Hold, 'holdId'>): { change: ItemChange; hold: Hold } {
  const change = moved(item, 'place-hold');
  const existing = item.holds.find((h) => h.patronId === patron.patronId);
  if (existing) return { change: { state: item, events: [] }, hold: existing };
  const hold: Hold = { ...patron, holdId: childId(item.itemId, `h${item.holds.length + 1}`) };
  const { holdId, patronId, name, email, locale, placedAt } = hold;
  change.state = { ...change.state, holds: [...item.holds, hold] };
  change.events.push({
    type: 'library.hold.placed.v1',
    data: { ...itemRef(change.state), holdId, patron: { patronId, name, email, locale }, placedAt },
  });
  return { change, hold };
}

/** Circulation found the item damaged: off the shelf, waiting for a librarian's triage. */
export function reportDamage(item: ItemState, damage: string, reportedBy: string, now: Date): ItemChange {
  const change = moved(item, 'report-damage', { damage, triage: undefined });
  const data = { ...itemRef(change.state), damage, reportedBy, reportedAt: now.toISOString() };
  change.events.push({ type: 'library.item.damage-reported.v1', data });
  return change;
}

const TRIAGE = {
  repair: { action: 'triage-repair', task: 'item-repair' },
  bind: { action: 'triage-bind', task: 'binding-prep' },
  withdraw: { action: 'triage-withdraw', task: undefined },
} as const;

/** The librarian's decision: repair in house (a repair task), send to binding (binding prep), or withdraw. */
export function triage(
  item: ItemState,
  decision: TriageDecision,
  librarianId: string,
  reason: string | undefined,
  now: Date,
): ItemChange {
  const { action, task } = TRIAGE[decision];
  const change = moved(item, action, { triage: decision });
  change.events.push({
    type: 'library.item.triaged.v1',
    data: {
      ...itemRef(change.state),
      decision,
      librarianId,
      ...(reason ? { reason } : {}),
      triagedAt: now.toISOString(),
    },
  });
  return task ? requestTask(change, task, now) : change;
}

/** Repaired in house: back in circulation, the repair task done. */
export function completeRepair(
  item: ItemState,
  technicianId: string,
  notes: string | undefined,
  now: Date,
): ItemChange {
  const change = moved(item, 'complete-repair', { damage: undefined });
  const data = { ...itemRef(change.state), technicianId, ...(notes ? { notes } : {}), repairedAt: now.toISOString() };
  change.events.push({ type: 'library.item.repaired.v1', data });
  return closeOpenTask(change, 'completed', now);
}

/**
 * The shipment the item was reserved for left (library.binding.shipment-sent.v1 records it): the item
 * is at the bindery and its binding-prep task is done. Undefined when it already went (a redelivery)
 * or was never reserved for this shipment.
 */
export function sentToBindery(item: ItemState, shipmentId: string, now: Date): ItemChange | undefined {
  if (item.status !== 'awaiting-binding' || item.shipmentId !== shipmentId) return undefined;
  return closeOpenTask(moved(item, 'send-to-bindery'), 'completed', now);
}

/** The shipment came back (library.binding.shipment-returned.v1): the item is available again. */
export function returnedFromBindery(item: ItemState, shipmentId: string): ItemChange | undefined {
  if (item.status !== 'at-bindery' || item.shipmentId !== shipmentId) return undefined;
  return moved(item, 'return-from-bindery', { shipmentId: undefined, damage: undefined, triage: undefined });
}
