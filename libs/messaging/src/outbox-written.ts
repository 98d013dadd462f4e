/**
 * The process-wide notice "a write just stored outbox entries in collection X". withOutbox's hooks
 * announce it after the store acknowledged the write; every OutboxRelay listens for its own
 * collections and starts a round at once, so no caller has to wake a relay. Keyed by collection
 * name only: a same-named collection of another database costs a relay one extra (empty) round.
 */
type Listener = () => void;

const listeners = new Map<string, Set<Listener>>();

export function announceOutboxWrite(collection: string): void {
  for (const listener of listeners.get(collection) ?? []) listener();
}

/** Calls `listener` after every write that stores events in one of `collections`; returns the unsubscribe. */
export function onOutboxWrite(collections: readonly string[], listener: Listener): () => void {
  for (const collection of collections) {
    const forCollection = listeners.get(collection) ?? new Set<Listener>();
    forCollection.add(listener);
    listeners.set(collection, forCollection);
  }
  return () => {
    for (const collection of collections) {
      const forCollection = listeners.get(collection);
      forCollection?.delete(listener);
      if (forCollection?.size === 0) listeners.delete(collection);
    }
  };
}

/** How many listeners a collection has (tests check that a stopped relay left). */
export function outboxWriteListeners(collection: string): number {
  return listeners.get(collection)?.size ?? 0;
}
