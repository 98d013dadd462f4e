import { mintToken } from '@appliance-care/auth';
import { http } from '@appliance-care/service-testing';
import { waitFor } from '@appliance-care/testing';

/** The library's owners: a library technician (their queue) and a patron (their holds), each with someone else. */
export interface LibraryIds {
  libraryTechnician: string;
  otherLibraryTechnician: string;
  patron: string;
  otherPatron: string;
  /** a branch of the suite's own, so that dispatch gives the item's work to this technician and nobody else */
  branch: string;
  itemId: string;
  barcode: string;
}

export const libraryIds = (suffix: string): LibraryIds => ({
  libraryTechnician: `LT-sec-own-${suffix}`,
  otherLibraryTechnician: `LT-sec-other-${suffix}`,
  patron: `P-sec-own-${suffix}`,
  otherPatron: `P-sec-other-${suffix}`,
  branch: `sec-${suffix}`,
  itemId: `ITEM-sec-${suffix}`,
  barcode: `BSEC${suffix}`.toUpperCase(),
});

export const libraryTechnicianToken = (technicianId: string, sub = `library-technician-${technicianId}`) =>
  mintToken({ sub, roles: ['library-technician'], technicianId });
export const patronToken = (patronId: string, sub = `patron-${patronId}`) =>
  mintToken({ sub, roles: ['patron'], patronId });

export interface LibraryUrls {
  library: string;
  dispatch: string;
  portal: string;
}
export interface LibraryTokens {
  dispatcher: string;
  librarian: string;
  libraryTechnician: string;
  patron: string;
}

const allDay = { start: '00:00', end: '24:00' };
const everyDay = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };

/**
 * Real library data for the owners: the technician in dispatch's roster at the suite's branch, an item
 * received there (its cataloguing task assigned to that technician by dispatch, over Kafka), the
 * patron's hold on it, and the portal's timeline of it. Returns the cataloguing task's id.
 */
export async function seedLibrary(urls: LibraryUrls, tokens: LibraryTokens, ids: LibraryIds): Promise<string> {
  const technician = await http('POST', `${urls.dispatch}/api/v1/technicians`, {
    token: tokens.dispatcher,
    body: {
      technicianId: ids.libraryTechnician,
      name: 'Melvil Dewey',
      email: 'melvil@library.example',
      skills: ['cataloguing'],
      branch: ids.branch,
      workingHours: everyDay,
    },
  });
  if (![200, 201].includes(technician.status))
    throw new Error(`library technician: ${technician.status} ${JSON.stringify(technician.body)}`);

  const item = await http('POST', `${urls.library}/api/v1/items`, {
    token: tokens.librarian,
    body: {
      itemId: ids.itemId,
      barcode: ids.barcode,
      title: 'The Name of the Rose',
      format: 'book',
      branch: ids.branch,
      cataloguing: 'copy',
    },
  });
  if (item.status !== 201) throw new Error(`item: ${item.status} ${JSON.stringify(item.body)}`);

  const hold = await http('POST', `${urls.library}/api/v1/items/${ids.itemId}/holds`, {
    token: tokens.patron,
    body: { name: 'Ada Reader', email: 'ada.reader@example.org' },
  });
  if (![200, 201].includes(hold.status)) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`);

  // dispatch assigns the cataloguing task (library.task.requested.v1 → queue-item.assigned.v1)
  const taskId = await waitFor(
    async () => {
      const res = await http('GET', `${urls.library}/api/v1/tasks?technicianId=${ids.libraryTechnician}`, {
        token: tokens.librarian,
      });
      return (res.body?.items as { taskId: string; itemId: string; state: string }[] | undefined)?.find(
        (t) => t.itemId === ids.itemId && t.state === 'assigned',
      )?.taskId;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: "dispatch to assign the item's cataloguing task to the technician" },
  );
  await waitFor(
    async () =>
      (await http('GET', `${urls.dispatch}/api/v1/queue-items/${taskId}`, { token: tokens.libraryTechnician }))
        .status === 200,
    { timeoutMs: 60_000, intervalMs: 500, what: 'dispatch to show the technician their queue item' },
  );
  await waitFor(
    async () =>
      (await http('GET', `${urls.portal}/api/v1/items/${ids.itemId}/timeline`, { token: tokens.patron })).status ===
      200,
    { timeoutMs: 60_000, intervalMs: 500, what: "the portal to know the patron's hold on the item" },
  );
  return taskId;
}

/** What "changes nothing" compares for the library: the item, its tasks, the patron's holds, the queue item. */
export async function librarySnapshot(
  urls: LibraryUrls,
  librarian: string,
  ids: LibraryIds,
  taskId: string,
): Promise<unknown> {
  const get = async (url: string) => (await http('GET', url, { token: librarian })).body;
  const item = await get(`${urls.library}/api/v1/items/${ids.itemId}`);
  const tasks = await get(`${urls.library}/api/v1/tasks?technicianId=${ids.libraryTechnician}`);
  const holds = await get(`${urls.library}/api/v1/holds?patronId=${ids.patron}`);
  const queueItem = await get(`${urls.dispatch}/api/v1/queue-items/${taskId}`);
  return {
    item: { status: item.status, holds: item.holds, record: item.record, openTask: item.openTask },
    tasks: tasks.items,
    holds: holds.items,
    queueItem: { status: queueItem.status, technicianId: queueItem.technicianId, history: queueItem.history.length },
  };
}

export type LibraryOwner = 'library-technician' | 'patron';

/** How each library row with an `own/…` cell is called on the owner's real data. */
export function libraryProbes(
  ids: LibraryIds,
  taskId: string,
): Record<string, { path: (role: LibraryOwner) => string; body?: unknown }> {
  const step = (action: string, body: unknown) => ({ path: () => `/api/v1/items/${ids.itemId}/${action}`, body });
  return {
    'dispatch GET /api/v1/queue-items': { path: () => `/api/v1/queue-items?technicianId=${ids.libraryTechnician}` },
    'dispatch GET /api/v1/queue-items/{taskId}': { path: () => `/api/v1/queue-items/${taskId}` },
    'library-services GET /api/v1/tasks': { path: () => `/api/v1/tasks?technicianId=${ids.libraryTechnician}` },
    'library-services GET /api/v1/holds': { path: () => `/api/v1/holds?patronId=${ids.patron}` },
    // another technician, who never held a task of the item, is told it does not exist
    'library-services POST /api/v1/items/{id}/cataloguing': step('cataloguing', {
      record: { callNumber: '000 NOT', subjects: ['Not mine'], sourceRecordId: 'ocm-not-mine' },
    }),
    'library-services POST /api/v1/items/{id}/processing/complete': step('processing/complete', {}),
    'library-services POST /api/v1/items/{id}/repair/complete': step('repair/complete', { notes: 'not mine' }),
    // another patron asks for the timeline of an item they hold nothing on
    'portal GET /api/v1/items/{id}/timeline': { path: () => `/api/v1/items/${ids.itemId}/timeline` },
  };
}
