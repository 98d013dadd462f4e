import { ApiClient, ApiError } from '../api/api-client';

/** The parts of library-services' answers the library screens show (its /docs has all). */
export type TaskKind =
  | 'copy-cataloguing'
  | 'original-cataloguing'
  | 'physical-processing'
  | 'item-repair'
  | 'binding-prep'
  | 'serial-check-in';

export type ItemStatus =
  | 'cataloguing'
  | 'awaiting-approval'
  | 'processing'
  | 'available'
  | 'damaged'
  | 'in-repair'
  | 'awaiting-binding'
  | 'at-bindery'
  | 'withdrawn';

export type TriageDecision = 'repair' | 'bind' | 'withdraw';

/** A queue item: library work dispatch assigned to a library technician by skill and load. */
export interface LibraryTask {
  taskId: string;
  kind: TaskKind;
  skill: string;
  branch: string;
  /** absent for a serial's check-in before the issue is an item */
  itemId?: string;
  subscriptionId?: string;
  title: string;
  state: 'requested' | 'waiting' | 'assigned' | 'closed';
  technicianId?: string;
  availableFrom?: string;
  reason?: string;
  requestedAt: string;
}

export interface CatalogueRecord {
  callNumber: string;
  subjects: string[];
  sourceRecordId?: string;
  notes?: string;
}

export interface LibraryItem {
  itemId: string;
  barcode: string;
  title: string;
  format: string;
  branch: string;
  cataloguing: 'copy' | 'original';
  status: ItemStatus;
  record?: CatalogueRecord;
  holds: { holdId: string; placedAt: string }[];
  openTask?: LibraryTask;
  damage?: string;
  registeredAt: string;
}

/** An issue of a serial past its expected date plus grace, or claimed and still not received. */
export interface LateIssue {
  subscriptionId: string;
  title: string;
  branch: string;
  volume: number;
  number: number;
  expectedOn: string;
  status: string;
  claimCount: number;
  lastClaimedAt?: string;
  vendor: { vendorId: string; name: string };
}

const enc = encodeURIComponent;
const SERVICE = 'library-services';

export const libraryApi = (api: ApiClient) => ({
  /** the technician's open queue items (library-services answers a technician only their own) */
  openTasks: (technicianId: string) =>
    api.get<{ items: LibraryTask[] }>(SERVICE, 'tasks', { technicianId, open: 'true' }).then((r) => r.items),
  item: (itemId: string) => api.get<LibraryItem>(SERVICE, `items/${enc(itemId)}`),
  itemsIn: (status: ItemStatus) =>
    api.get<{ items: LibraryItem[] }>(SERVICE, 'items', { status, limit: '200' }).then((r) => r.items),
  catalogue: (itemId: string, record: CatalogueRecord) =>
    api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/cataloguing`, { record }),
  completeProcessing: (itemId: string) =>
    api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/processing/complete`, {}),
  completeRepair: (itemId: string, notes?: string) =>
    api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/repair/complete`, notes ? { notes } : {}),
  approve: (itemId: string) => api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/cataloguing/approve`, {}),
  returnRecord: (itemId: string, reason: string) =>
    api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/cataloguing/return`, { reason }),
  triage: (itemId: string, decision: TriageDecision, reason?: string) =>
    api.post<LibraryItem>(SERVICE, `items/${enc(itemId)}/triage`, { decision, ...(reason ? { reason } : {}) }),
  /**
   * The late-issues list, or undefined where library-services has no serials (404): the screen then
   * shows nothing of serials rather than an error.
   */
  lateSerials: () =>
    api.get<{ issues: LateIssue[] }>(SERVICE, 'serials/late').then(
      (r) => r.issues,
      (err: unknown) => {
        if (err instanceof ApiError && err.problem.status === 404) return undefined;
        throw err;
      },
    ),
});
export type LibraryApi = ReturnType<typeof libraryApi>;
