import { mintToken } from '@appliance-care/auth';
import {
  createEvent,
  EventEnvelope,
  LibraryItemReceived,
  LibraryTaskRequested,
  QueueItemAssigned,
  Topics,
} from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService } from '@appliance-care/service-testing';
import { KafkaProbe, waitFor } from '@appliance-care/testing';

export const topics = {
  acquisitions: () => physicalTopic(Topics.libraryAcquisitions),
  library: () => physicalTopic(Topics.libraryServices),
  dispatch: () => physicalTopic(Topics.dispatch),
};

let n = 0;
export const uid = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++n}`;
/** A barcode of its own for each test item (letters, digits and -, up to 32). */
export const barcode = (): string => `B${Date.now().toString(36)}${++n}`.toUpperCase();

export const librarian = () => mintToken({ sub: 'librarian-test', roles: ['librarian'] });
export const libraryTechnician = (technicianId: string) =>
  mintToken({ sub: `user-${technicianId}`, roles: ['library-technician'], technicianId });
export const patron = (patronId: string) => mintToken({ sub: `user-${patronId}`, roles: ['patron'], patronId });

/** acquisitions' stand-in: an item received for technical services */
export function itemReceived(over: Partial<LibraryItemReceived> = {}): EventEnvelope<LibraryItemReceived> {
  const data: LibraryItemReceived = {
    itemId: uid('ITEM'),
    barcode: barcode(),
    title: 'The Name of the Rose',
    format: 'book',
    branch: 'central',
    cataloguing: 'copy',
    receivedAt: new Date().toISOString(),
    ...over,
  };
  return createEvent({
    type: 'library.item.received.v1',
    source: '/library/acquisitions',
    subject: data.itemId,
    data,
  }) as EventEnvelope<LibraryItemReceived>;
}

/** dispatch's stand-in: the task given to a library technician */
export function queueItemAssigned(task: LibraryTaskRequested, technicianId: string): EventEnvelope<QueueItemAssigned> {
  const now = new Date().toISOString();
  const { requestedAt: _r, ...ref } = task;
  return createEvent({
    type: 'queue-item.assigned.v1',
    source: '/appliance-care/dispatch',
    subject: task.taskId,
    data: {
      ...ref,
      technicianId,
      technicianName: `Technician ${technicianId}`,
      availableFrom: now,
      reason: `least loaded with skill ${task.skill} at ${task.branch}`,
      assignedAt: now,
    },
  }) as EventEnvelope<QueueItemAssigned>;
}

export const forItem = (itemId: string) => (e: { data: unknown }) => (e.data as { itemId?: string }).itemId === itemId;

/** Waits for the item's task of `kind` to be requested, then assigns it to `technicianId` as dispatch would, and waits until the service knows. */
export async function assignNext(
  svc: RunningService,
  probe: KafkaProbe,
  itemId: string,
  kind: LibraryTaskRequested['kind'],
  technicianId: string,
  nth = 1,
): Promise<LibraryTaskRequested> {
  const requested = await probe.waitForEvents(
    'library.task.requested.v1',
    nth,
    30_000,
    (e) => forItem(itemId)(e) && (e.data as LibraryTaskRequested).kind === kind,
  );
  const task = requested[nth - 1].data as LibraryTaskRequested;
  await probe.publish(topics.dispatch(), queueItemAssigned(task, technicianId));
  const token = await librarian();
  await waitFor(
    async () => {
      const res = await http('GET', `${svc.url}/api/v1/items/${itemId}`, { token });
      return res.body?.openTask?.taskId === task.taskId && res.body.openTask.technicianId === technicianId;
    },
    { what: `task ${task.taskId} assigned to ${technicianId}` },
  );
  return task;
}

export async function waitForStatus(svc: RunningService, itemId: string, status: string): Promise<any> {
  const token = await librarian();
  return waitFor(
    async () => {
      const res = await http('GET', `${svc.url}/api/v1/items/${itemId}`, { token });
      return res.status === 200 && res.body.status === status ? res.body : undefined;
    },
    { what: `item ${itemId} ${status}` },
  );
}

export const post = async (svc: RunningService, path: string, token: string, body: unknown = {}) =>
  http('POST', `${svc.url}/api/v1/${path}`, { token, body });
export const get = async (svc: RunningService, path: string, token: string) =>
  http('GET', `${svc.url}/api/v1/${path}`, { token });

export const record = { callNumber: '853.914 ECO', subjects: ['Monasteries -- Fiction'], sourceRecordId: 'ocm1' };
