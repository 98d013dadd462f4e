import { CatalogueRecord } from '@appliance-care/contracts';

import { ItemAction, ItemStateMachine } from './item.state-machine';
import { holdsOldestFirst, ItemChange, itemRef, ItemState } from './library-item';
import { closeOpenTask, requestTask } from './library-task';

/** The item after `action` (InvalidTransitionError when its status refuses it), no events yet. */
export const moved = (item: ItemState, action: ItemAction, patch: Partial<ItemState> = {}): ItemChange => ({
  state: { ...item, ...patch, status: ItemStateMachine.next(item.itemId, item.status, action) },
  events: [],
});

/**
 * A new item is known (library.item.registered.v1) and its first work is requested: copy or original
 * cataloguing, or, for a serial's bound volume, the binding preparation.
 */
export function registered(item: ItemState, now: Date): ItemChange {
  const { cataloguing, format, source, receivedAt, registeredAt } = item;
  const change: ItemChange = {
    state: item,
    events: [
      {
        type: 'library.item.registered.v1',
        data: { ...itemRef(item), format, cataloguing, source, receivedAt, registeredAt },
      },
    ],
  };
  if (item.status === 'awaiting-binding') return requestTask(change, 'binding-prep', now);
  return requestTask(change, cataloguing === 'copy' ? 'copy-cataloguing' : 'original-cataloguing', now);
}

/**
 * The cataloguer's record: copy cataloguing completes it (physical processing is requested next);
 * an original record goes to a librarian for approval. Either way the cataloguing task is done.
 */
export function catalogue(item: ItemState, record: CatalogueRecord, technicianId: string, now: Date): ItemChange {
  const at = now.toISOString();
  if (item.cataloguing === 'original') {
    const change = moved(item, 'submit-original-cataloguing', { record, cataloguedBy: technicianId });
    const data = { ...itemRef(change.state), technicianId, record, submittedAt: at };
    change.events.push({ type: 'library.cataloguing.submitted.v1', data });
    return closeOpenTask(change, 'completed', now);
  }
  const change = moved(item, 'complete-copy-cataloguing', { record, cataloguedBy: technicianId });
  const data = { ...itemRef(change.state), kind: 'copy' as const, technicianId, record, completedAt: at };
  change.events.push({ type: 'library.cataloguing.completed.v1', data });
  return requestTask(closeOpenTask(change, 'completed', now), 'physical-processing', now);
}

/** A librarian approves the original record: catalogued, physical processing is requested. */
export function approve(item: ItemState, librarianId: string, now: Date): ItemChange {
  const change = moved(item, 'approve-cataloguing');
  const { record, cataloguedBy } = change.state;
  change.events.push({
    type: 'library.cataloguing.completed.v1',
    data: {
      ...itemRef(change.state),
      kind: 'original',
      technicianId: cataloguedBy ?? librarianId,
      approvedBy: librarianId,
      record: record!,
      completedAt: now.toISOString(),
    },
  });
  return requestTask(change, 'physical-processing', now);
}

/** A librarian sends the original record back with the reason: a new original-cataloguing task. */
export function returnRecord(item: ItemState, librarianId: string, reason: string, now: Date): ItemChange {
  const change = moved(item, 'return-cataloguing');
  const data = { ...itemRef(change.state), librarianId, reason, returnedAt: now.toISOString() };
  change.events.push({ type: 'library.cataloguing.returned.v1', data });
  return requestTask(change, 'original-cataloguing', now);
}

/** Labels and covers done: shelf-ready, with the holds to fill oldest first; the processing task is done. */
export function completeProcessing(item: ItemState, technicianId: string, now: Date): ItemChange {
  const change = moved(item, 'complete-processing');
  change.events.push({
    type: 'library.item.shelf-ready.v1',
    data: {
      ...itemRef(change.state),
      technicianId,
      // processing follows cataloguing, so the record is there; the barcode stands in for a record lost
      callNumber: change.state.record?.callNumber ?? item.barcode,
      holdIds: holdsOldestFirst(item).map((h) => h.holdId),
      shelfReadyAt: now.toISOString(),
    },
  });
  return closeOpenTask(change, 'completed', now);
}
