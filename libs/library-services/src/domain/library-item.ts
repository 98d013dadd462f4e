import {
  CatalogueRecord,
  CataloguingKind,
  EventData,
  EventType,
  ItemFormat,
  ItemStatus,
  LibraryTaskKind,
  TriageDecision,
} from '@appliance-care/contracts';

/** A patron waiting for the item; told (through library.hold.placed.v1's contact) when it is shelf-ready. */
export interface Hold {
  holdId: string;
  patronId: string;
  name: string;
  email: string;
  locale: string;
  placedAt: string;
}

/** A queue item on the item: requested of dispatch, assigned (or waiting), then closed. */
export interface TaskState {
  taskId: string;
  kind: LibraryTaskKind;
  skill: string;
  branch: string;
  title: string;
  itemId: string;
  requestedAt: string;
  state: 'requested' | 'waiting' | 'assigned' | 'closed';
  technicianId?: string;
  technicianName?: string;
  availableFrom?: string;
  /** dispatch's reason: why this technician, or why nobody */
  reason?: string;
  outcome?: 'completed' | 'cancelled';
  closedAt?: string;
}

export interface ItemState {
  itemId: string;
  barcode: string;
  title: string;
  format: ItemFormat;
  branch: string;
  cataloguing: CataloguingKind;
  status: ItemStatus;
  source: 'acquisitions' | 'staff' | 'serials';
  receivedAt: string;
  registeredAt: string;
  record?: CatalogueRecord;
  /** who submitted the original record (the technician a returned record goes back to) */
  cataloguedBy?: string;
  holds: Hold[];
  /** every queue item the item had, the open one last */
  tasks: TaskState[];
  damage?: string;
  triage?: TriageDecision;
  /** the bindery shipment the item is reserved for or travels with */
  shipmentId?: string;
  version: number;
}

/** The library events an item's change records (each published from the item's own outbox). */
export type LibraryEventType = Extract<EventType, `library.${string}`>;
export type LibraryEvent = { [T in LibraryEventType]: { type: T; data: EventData<T> } }[LibraryEventType];

export interface ItemChange {
  state: ItemState;
  events: LibraryEvent[];
}

/** The reference every item event starts with: the item, and its status after the fact. */
export const itemRef = (item: ItemState) => ({
  itemId: item.itemId,
  barcode: item.barcode,
  title: item.title,
  branch: item.branch,
  status: item.status,
});

export type NewItem = Pick<
  ItemState,
  'itemId' | 'barcode' | 'title' | 'format' | 'branch' | 'cataloguing' | 'source' | 'receivedAt'
> & { status?: ItemStatus };

/** Where a new item starts: cataloguing (or, for a serial's completed volume, awaiting binding). */
export function newItem(input: NewItem, now: Date): ItemState {
  return {
    ...input,
    status: input.status ?? 'cataloguing',
    registeredAt: now.toISOString(),
    holds: [],
    tasks: [],
    version: 0,
  };
}

/** The item's open queue item (at most one at a time), if any. */
export const openTask = (item: ItemState): TaskState | undefined => item.tasks.find((t) => t.state !== 'closed');

/** The holds waiting for the item, oldest first. */
export const holdsOldestFirst = (item: ItemState): Hold[] =>
  [...item.holds].sort((a, b) => a.placedAt.localeCompare(b.placedAt) || a.holdId.localeCompare(b.holdId));

const MAX_ID = 128;

/** FNV-1a, 32 bits, hex: a short stable tag for an id too long to carry whole. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** `<parentId>:<suffix>` (a task's, a hold's id), shortened stably when it would pass the 128 characters of an id. */
export function childId(parentId: string, suffix: string): string {
  const id = `${parentId}:${suffix}`;
  return id.length <= MAX_ID ? id : `${parentId.slice(0, 100)}~${shortHash(parentId)}:${suffix}`;
}
