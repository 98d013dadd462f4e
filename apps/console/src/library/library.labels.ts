import { ItemStatus, TaskKind } from './library.api';

/** The kind of work, in words. */
export const KIND_LABEL: Record<TaskKind, string> = {
  'copy-cataloguing': 'Copy cataloguing',
  'original-cataloguing': 'Original cataloguing',
  'physical-processing': 'Physical processing',
  'item-repair': 'Repair',
  'binding-prep': 'Binding preparation',
  'serial-check-in': 'Serial check-in',
};

/** An item's status, in words. */
export const STATUS_LABEL: Record<ItemStatus, string> = {
  cataloguing: 'cataloguing',
  'awaiting-approval': 'awaiting approval',
  processing: 'physical processing',
  available: 'available',
  damaged: 'damaged',
  'in-repair': 'in repair',
  'awaiting-binding': 'awaiting binding',
  'at-bindery': 'at the bindery',
  withdrawn: 'withdrawn',
};

/** A moment as the person's own clock shows it (short weekday, day, month, time). */
export function shortTime(iso: string | undefined): string {
  if (!iso) return 'not yet';
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
