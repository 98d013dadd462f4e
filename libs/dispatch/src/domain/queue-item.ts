import { LibraryTaskKind } from '@appliance-care/contracts';

import { QueueAssignmentDecision } from './queue-assignment.policy';
import { QueueItemStateMachine, QueueItemStatus } from './queue-item.state-machine';

/** The task library-services asked a library technician for (library.task.requested.v1). */
export interface QueueTask {
  taskId: string;
  kind: LibraryTaskKind;
  skill: string;
  branch: string;
  itemId?: string;
  subscriptionId?: string;
  title: string;
}

export const QUEUE_ITEM_HISTORY_ACTIONS = ['requested', 'assigned', 'unassignable', 'closed'] as const;

export interface QueueItemState extends QueueTask {
  status: QueueItemStatus;
  /** absent on an item whose close arrived before its request */
  requestedAt?: string;
  technicianId?: string;
  technicianName?: string;
  availableFrom?: string;
  /** why this technician, or why nobody (the policy's reason) */
  reason?: string;
  outcome?: 'completed' | 'cancelled';
  closedAt?: string;
  history: { at: string; action: (typeof QUEUE_ITEM_HISTORY_ACTIONS)[number]; reason?: string }[];
  /** the event that created it: a redelivery finds the item already there */
  sourceEventId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What a decision tells the library: the data of queue-item.assigned.v1 or queue-item.unassignable.v1. */
export type QueueItemFact =
  | {
      type: 'queue-item.assigned.v1';
      technicianId: string;
      technicianName: string;
      availableFrom: string;
      reason: string;
    }
  | { type: 'queue-item.unassignable.v1'; reason: string };

export function newQueueItem(task: QueueTask, requestedAt: string, sourceEventId: string, at: string): QueueItemState {
  return {
    ...task,
    status: 'waiting',
    requestedAt,
    history: [{ at, action: 'requested' }],
    sourceEventId,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The item after the policy's decision, with the fact to publish; 'unchanged' when it already waits
 * for the same reason (the library was told once, a roster change that changes nothing says nothing).
 * An assigned item is decided again only when its technician can no longer take it (`note`: why,
 * kept in its history): it moves to the next technician, or waits.
 */
export function decided(
  item: QueueItemState,
  decision: QueueAssignmentDecision,
  at: string,
  note?: string,
): { item: QueueItemState; fact: QueueItemFact } | 'unchanged' {
  const moving = item.status === 'assigned';
  const why = note ? `${note}: ${decision.reason}` : decision.reason;
  if (decision.outcome === 'unassignable') {
    const status = QueueItemStateMachine.next(item.taskId, item.status, moving ? 'unassign' : 'wait');
    if (!moving && item.reason === decision.reason) return 'unchanged';
    const history = [...item.history, { at, action: 'unassignable' as const, reason: why }];
    const fact = { type: 'queue-item.unassignable.v1' as const, reason: decision.reason };
    const unheld = { technicianId: undefined, technicianName: undefined, availableFrom: undefined };
    return { item: { ...item, ...unheld, status, reason: decision.reason, history, updatedAt: at }, fact };
  }
  const status = QueueItemStateMachine.next(item.taskId, item.status, moving ? 'reassign' : 'assign');
  const { technicianId, name: technicianName } = decision.technician;
  const availableFrom = new Date(decision.availableFrom).toISOString();
  const history = [...item.history, { at, action: 'assigned' as const, reason: why }];
  const fact = {
    type: 'queue-item.assigned.v1' as const,
    technicianId,
    technicianName,
    availableFrom,
    reason: decision.reason,
  };
  const changed = { technicianId, technicianName, availableFrom, reason: decision.reason };
  return { item: { ...item, ...changed, status, history, updatedAt: at }, fact };
}

export interface QueueItemClose {
  outcome: 'completed' | 'cancelled';
  closedAt: string;
}

/** Closed (its technician's load drops); 'unchanged' when it already is: a closed item is never reopened. */
export function closed(item: QueueItemState, close: QueueItemClose, at: string): QueueItemState | 'unchanged' {
  if (item.status === 'closed') return 'unchanged';
  const status = QueueItemStateMachine.next(item.taskId, item.status, 'close');
  const history = [...item.history, { at, action: 'closed' as const, reason: close.outcome }];
  return { ...item, status, outcome: close.outcome, closedAt: close.closedAt, history, updatedAt: at };
}

/** The request of an item closed before it came: recorded (once), never offered. */
export function requestedAfterClose(
  item: QueueItemState,
  requestedAt: string,
  at: string,
): QueueItemState | 'unchanged' {
  if (item.status !== 'closed' || item.requestedAt !== undefined) return 'unchanged';
  const history = [...item.history, { at, action: 'requested' as const, reason: 'after it was closed: not offered' }];
  return { ...item, requestedAt, history, updatedAt: at };
}

/** A close that came before its request: the item is born closed, and the request then finds it so. */
export function closedBeforeRequest(task: QueueTask, close: QueueItemClose, sourceEventId: string, at: string) {
  const item: QueueItemState = {
    ...task,
    status: 'closed',
    outcome: close.outcome,
    closedAt: close.closedAt,
    history: [{ at, action: 'closed', reason: `${close.outcome} before it was requested` }],
    sourceEventId,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
  return item;
}
