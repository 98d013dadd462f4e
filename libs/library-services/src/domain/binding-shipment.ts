import { InvalidTransitionError } from '@appliance-care/kernel';

import { ItemState, LibraryEvent } from './library-item';

export interface ShipmentLine {
  itemId: string;
  barcode: string;
  title: string;
}

export interface ShipmentState {
  shipmentId: string;
  branch: string;
  bindery: string;
  items: ShipmentLine[];
  /** the packing slip: one line per item, with its binding instructions */
  slip: { itemId: string; instructions: string }[];
  status: 'sent' | 'returned';
  sentBy: string;
  sentAt: string;
  receivedBy?: string;
  returnedAt?: string;
  version: number;
}

export interface ShipmentChange {
  state: ShipmentState;
  events: LibraryEvent[];
}

/**
 * The items asked for that cannot go: unknown, not awaiting binding, or already reserved for another
 * shipment that exists. Empty: every one may be shipped.
 */
export function unshippable(
  asked: readonly string[],
  found: readonly ItemState[],
  reservedElsewhere: (item: ItemState) => boolean,
): { itemId: string; status: string }[] {
  return asked.flatMap((itemId) => {
    const item = found.find((i) => i.itemId === itemId);
    if (!item) return [{ itemId, status: 'unknown' }];
    if (item.status !== 'awaiting-binding') return [{ itemId, status: item.status }];
    return reservedElsewhere(item) ? [{ itemId, status: `reserved for shipment ${item.shipmentId}` }] : [];
  });
}

/** The volumes leave for the bindery with their slip (library.binding.shipment-sent.v1). */
export function sendShipment(
  input: Omit<ShipmentState, 'status' | 'sentAt' | 'version' | 'branch'>,
  items: readonly ItemState[],
  now: Date,
): ShipmentChange {
  // a shipment leaves from one branch: the first item's (a van collects from one building)
  const state: ShipmentState = {
    ...input,
    branch: items[0].branch,
    status: 'sent',
    sentAt: now.toISOString(),
    version: 0,
  };
  const { shipmentId, branch, bindery, slip, sentBy, sentAt } = state;
  return {
    state,
    events: [
      {
        type: 'library.binding.shipment-sent.v1',
        data: { shipmentId, branch, bindery, items: state.items, slip, sentBy, sentAt },
      },
    ],
  };
}

/** The bound volumes came back (library.binding.shipment-returned.v1); 409 for a shipment returned before. */
export function returnShipment(shipment: ShipmentState, receivedBy: string, now: Date): ShipmentChange {
  if (shipment.status !== 'sent')
    throw new InvalidTransitionError('bindery shipment', shipment.shipmentId, shipment.status, 'be returned');
  const returnedAt = now.toISOString();
  const state: ShipmentState = { ...shipment, status: 'returned', receivedBy, returnedAt };
  const { shipmentId, branch, bindery, items } = state;
  return {
    state,
    events: [
      {
        type: 'library.binding.shipment-returned.v1',
        data: { shipmentId, branch, bindery, items, receivedBy, returnedAt },
      },
    ],
  };
}
