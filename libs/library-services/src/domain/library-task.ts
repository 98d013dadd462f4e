import {
  LIBRARY_TASK_SKILL,
  LibraryTaskKind,
  QueueItemAssigned,
  QueueItemUnassignable,
} from '@appliance-care/contracts';

import { childId, ItemChange, ItemState, openTask, TaskState } from './library-item';

/** `<itemId>:t<n>`, the n-th queue item of the item: the same on every redelivery of its cause. */
export const taskIdFor = (itemId: string, n: number): string => childId(itemId, `t${n}`);

const taskRef = (task: TaskState) => ({
  taskId: task.taskId,
  kind: task.kind,
  skill: task.skill,
  branch: task.branch,
  itemId: task.itemId,
  title: task.title,
});

/** Work the item needs next: a queue item for dispatch to assign by skill (library.task.requested.v1). */
export function requestTask(change: ItemChange, kind: LibraryTaskKind, now: Date): ItemChange {
  const { state } = change;
  const task: TaskState = {
    taskId: taskIdFor(state.itemId, state.tasks.length + 1),
    kind,
    skill: LIBRARY_TASK_SKILL[kind],
    branch: state.branch,
    title: state.title,
    itemId: state.itemId,
    requestedAt: now.toISOString(),
    state: 'requested',
  };
  return {
    state: { ...state, tasks: [...state.tasks, task] },
    events: [
      ...change.events,
      { type: 'library.task.requested.v1', data: { ...taskRef(task), requestedAt: task.requestedAt } },
    ],
  };
}

/** The open queue item is done (or no longer needed): dispatch's load count for its technician drops. */
export function closeOpenTask(change: ItemChange, outcome: 'completed' | 'cancelled', now: Date): ItemChange {
  const open = openTask(change.state);
  if (!open) return change;
  const closed: TaskState = { ...open, state: 'closed', outcome, closedAt: now.toISOString() };
  const data = {
    ...taskRef(closed),
    outcome,
    ...(closed.technicianId ? { technicianId: closed.technicianId } : {}),
    closedAt: closed.closedAt!,
  };
  return {
    state: { ...change.state, tasks: change.state.tasks.map((t) => (t.taskId === open.taskId ? closed : t)) },
    events: [...change.events, { type: 'library.task.closed.v1', data }],
  };
}

/** Dispatch's answer for one of the item's tasks, or undefined when it changes nothing (closed, or already so). */
function updatedTask(item: ItemState, taskId: string, patch: Partial<TaskState>): ItemState | undefined {
  const task = item.tasks.find((t) => t.taskId === taskId);
  if (!task || task.state === 'closed') return undefined;
  const next = { ...task, ...patch };
  if (JSON.stringify(next) === JSON.stringify(task)) return undefined;
  return { ...item, tasks: item.tasks.map((t) => (t.taskId === taskId ? next : t)) };
}

/** queue-item.assigned.v1: the technician (and from when) the task is theirs; a closed task stays closed. */
export const recordAssignment = (item: ItemState, event: QueueItemAssigned): ItemState | undefined =>
  updatedTask(item, event.taskId, {
    state: 'assigned',
    technicianId: event.technicianId,
    technicianName: event.technicianName,
    availableFrom: event.availableFrom,
    reason: event.reason,
  });

/** queue-item.unassignable.v1: nobody at the branch has the skill; the task waits for a supervisor. */
export const recordUnassignable = (item: ItemState, event: QueueItemUnassignable): ItemState | undefined =>
  updatedTask(item, event.taskId, {
    state: 'waiting',
    technicianId: undefined,
    technicianName: undefined,
    availableFrom: undefined,
    reason: event.reason,
  });
