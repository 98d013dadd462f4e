/** What the fan-out needs of a hold: whose it is. */
export interface KnownHold {
  holdId: string;
  patronId: string;
}

/** An event as the planner reads it (id, type, data); the rest of the envelope is carried along. */
export interface PlannableEvent {
  id: string;
  type: string;
  data: unknown;
}

export const SHELF_READY = 'library.item.shelf-ready.v1';

/** The once-key source of one hold's notice: the shelf-ready event and the hold, so each hold is told once. */
export const holdNoticeId = (eventId: string, holdId: string): string => `${eventId}:hold:${holdId}`;

/** The holds a shelf-ready event names (none for any other event). */
export function heldBy(event: PlannableEvent): string[] {
  if (event.type !== SHELF_READY) return [];
  const holdIds = (event.data as { holdIds?: unknown }).holdIds;
  return Array.isArray(holdIds) ? holdIds.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * A shelf-ready item tells the patron of each of its holds: the event becomes one event per hold,
 * with the hold's id and patron in its data (what the rule names) and an id of its own (the once-key
 * of that hold's notice). A hold never heard of tells nobody and is returned as unknown. Other events
 * pass unchanged.
 */
export function perHold<E extends PlannableEvent>(
  events: readonly E[],
  holds: ReadonlyMap<string, KnownHold>,
): { events: E[]; unknown: string[] } {
  const unknown: string[] = [];
  const expanded = events.flatMap((event): E[] => {
    if (event.type !== SHELF_READY) return [event];
    return heldBy(event).flatMap((holdId) => {
      const hold = holds.get(holdId);
      if (!hold) {
        unknown.push(holdId);
        return [];
      }
      const data = { ...(event.data as Record<string, unknown>), holdId, patronId: hold.patronId };
      return [{ ...event, id: holdNoticeId(event.id, holdId), data }];
    });
  });
  return { events: expanded, unknown };
}
