import { useApi } from '../auth/session.context';
import { usePolled } from '../shared/use-polled.hook';
import { libraryApi, LibraryItem, LibraryTask } from './library.api';

/**
 * A queue item with the item it is about (barcode, format, status: what the work is done on); a
 * serial's check-in may come before the issue is an item, so without one.
 */
export interface QueueEntry {
  task: LibraryTask;
  item?: LibraryItem;
}

/** Assigned work is taken in the order it becomes available to the technician; unknown last. */
const availableAt = (task: LibraryTask) => task.availableFrom ?? task.requestedAt ?? '9999';

export function inQueueOrder(tasks: LibraryTask[]): LibraryTask[] {
  return [...tasks].sort((a, b) => availableAt(a).localeCompare(availableAt(b)) || a.taskId.localeCompare(b.taskId));
}

/** The signed-in library technician's open queue items, in order, each with its item (polled). */
export function useMyQueue(technicianId: string) {
  const library = libraryApi(useApi());
  return usePolled<QueueEntry[]>(
    async () => {
      const tasks = inQueueOrder(await library.openTasks(technicianId));
      const items = await Promise.all(tasks.map((t) => (t.itemId ? library.item(t.itemId) : undefined)));
      return tasks.map((task, i) => ({ task, item: items[i] }));
    },
    technicianId,
    4000,
  );
}
