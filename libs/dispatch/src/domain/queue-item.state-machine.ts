import { InvalidTransitionError } from '@appliance-care/kernel';

/**
 * waiting: nobody at the branch can take it yet (or not tried yet) · assigned: a library technician
 * has it in their queue · closed: library-services closed the task (completed or cancelled), or a
 * close arrived before the request: a closed item is never reopened.
 */
export const QUEUE_ITEM_STATUSES = ['waiting', 'assigned', 'closed'] as const;
export type QueueItemStatus = (typeof QUEUE_ITEM_STATUSES)[number];

export type QueueItemAction = 'assign' | 'wait' | 'reassign' | 'unassign' | 'close';

/** Every move a queue item may make; a move missing here is refused naming the current status. */
const TRANSITIONS: Record<QueueItemAction, Partial<Record<QueueItemStatus, QueueItemStatus>>> = {
  assign: { waiting: 'assigned' },
  // nobody can take it (yet): it waits until a roster change at its branch
  wait: { waiting: 'waiting' },
  // its technician can no longer take it (deactivated, skill removed, moved to another branch): the
  // next one at the branch has it, or it waits
  reassign: { assigned: 'assigned' },
  unassign: { assigned: 'waiting' },
  close: { waiting: 'closed', assigned: 'closed' },
};

const VERB: Record<QueueItemAction, string> = {
  assign: 'be assigned',
  wait: 'be marked unassignable',
  reassign: 'be reassigned',
  unassign: 'be taken from its technician',
  close: 'be closed',
};

export class QueueItemStateMachine {
  static can(from: QueueItemStatus, action: QueueItemAction): boolean {
    return TRANSITIONS[action][from] !== undefined;
  }

  /** The status after `action`, or InvalidTransitionError (409 with the current status). */
  static next(taskId: string, from: QueueItemStatus, action: QueueItemAction): QueueItemStatus {
    const to = TRANSITIONS[action][from];
    if (to === undefined) throw new InvalidTransitionError('queue item', taskId, from, VERB[action]);
    return to;
  }
}
