import { ItemState, openTask } from './library-item';

/** Who calls, as the library sees it (the verified token's roles and ids). */
export interface LibraryActor {
  sub: string;
  roles: readonly string[];
  technicianId?: string;
  patronId?: string;
}

const isSupervisor = (actor: LibraryActor) => actor.roles.includes('admin') || actor.roles.includes('librarian');

export type StepDecision =
  | { allowed: true; technicianId: string; reason: string }
  | { allowed: false; refusal: 'not-found' | 'forbidden'; reason: string };

/**
 * May the actor do the next step on the item (cataloguing, processing, repair)? The library technician
 * its open queue item is assigned to, or a librarian or admin on their behalf. A technician who never
 * held a task of the item is told it does not exist (404, as the appliance services answer); one who
 * held one before but not the open one is refused (403). The step is recorded as the assignee's work.
 */
export function stepDecision(actor: LibraryActor, item: ItemState): StepDecision {
  const open = openTask(item);
  if (isSupervisor(actor))
    return { allowed: true, technicianId: open?.technicianId ?? actor.sub, reason: 'a supervisor may act' };
  const me = actor.roles.includes('library-technician') ? actor.technicianId : undefined;
  if (me && open?.state === 'assigned' && open.technicianId === me)
    return { allowed: true, technicianId: me, reason: `task ${open.taskId} is assigned to ${me}` };
  const held = me !== undefined && item.tasks.some((t) => t.technicianId === me);
  return held
    ? { allowed: false, refusal: 'forbidden', reason: `library item ${item.itemId}'s open task is not assigned to you` }
    : { allowed: false, refusal: 'not-found', reason: `library item ${item.itemId} was not found` };
}

/**
 * Whose queue the actor may list: supervisors anyone's (or all), a library technician only their own
 * (undefined: refused, 403). A token without a technician id holds no queue.
 */
export function queueOwner(actor: LibraryActor, asked: string | undefined): { technicianId?: string } | undefined {
  if (isSupervisor(actor)) return asked ? { technicianId: asked } : {};
  const me = actor.technicianId ?? '';
  if (asked !== undefined && asked !== me) return undefined;
  return { technicianId: me };
}

/** Whose holds the actor may list: supervisors anyone's, a patron only their own (undefined: 403). */
export function holdsOwner(actor: LibraryActor, asked: string | undefined): { patronId?: string } | undefined {
  if (isSupervisor(actor)) return asked ? { patronId: asked } : {};
  const me = actor.patronId ?? '';
  if (asked !== undefined && asked !== me) return undefined;
  return { patronId: me };
}
