import { tech } from './fixtures.spec-helper';
import { closed, closedBeforeRequest, decided, newQueueItem, requestedAfterClose } from './queue-item';

const task = {
  taskId: 'TASK-1',
  kind: 'copy-cataloguing' as const,
  skill: 'cataloguing',
  branch: 'central',
  title: 'A book',
};
const AT = '2026-12-01T10:00:00.000Z';
const fresh = () => newQueueItem(task, AT, 'evt-1', AT);
const assign = {
  outcome: 'assign' as const,
  technician: tech({ technicianId: 'LT-A', name: 'Ada', branch: 'central' }),
  availableFrom: Date.parse(AT),
  openItems: 0,
  reason: 'least load',
};

describe('queue item', () => {
  it('is assigned with the technician, from when and why, and the fact to tell', () => {
    const result = decided(fresh(), assign, AT);
    expect(result).not.toBe('unchanged');
    const { item, fact } = result as Exclude<typeof result, 'unchanged'>;
    expect(item).toMatchObject({ status: 'assigned', technicianId: 'LT-A', availableFrom: AT, reason: 'least load' });
    expect(fact).toEqual({
      type: 'queue-item.assigned.v1',
      technicianId: 'LT-A',
      technicianName: 'Ada',
      availableFrom: AT,
      reason: 'least load',
    });
  });

  it('moves off a technician who can no longer take it: to the next one, or back to waiting without a technician', () => {
    const held = (decided(fresh(), assign, AT) as { item: ReturnType<typeof fresh> }).item;
    const next = { ...assign, technician: tech({ technicianId: 'LT-B', name: 'Bea', branch: 'central' }) };
    const moved = decided(held, next, AT, 'LT-A can no longer take it (inactive)');
    expect(moved).toMatchObject({ item: { status: 'assigned', technicianId: 'LT-B' }, fact: { technicianId: 'LT-B' } });
    const nobody = {
      outcome: 'unassignable' as const,
      reason: 'no active library technician at branch central has skill cataloguing',
    };
    const waiting = decided(held, nobody, AT, 'LT-A can no longer take it (inactive)');
    expect(waiting).toMatchObject({
      item: { status: 'waiting', reason: nobody.reason },
      fact: { reason: nobody.reason },
    });
    const item = (waiting as { item: ReturnType<typeof fresh> }).item;
    expect(item.technicianId).toBeUndefined();
    expect(item.history.at(-1)?.reason).toBe(`LT-A can no longer take it (inactive): ${nobody.reason}`);
  });

  it('waits with the reason, and says it again only when the reason changes', () => {
    const nobody = { outcome: 'unassignable' as const, reason: 'no library technician works at branch central' };
    const first = decided(fresh(), nobody, AT);
    expect(first).toMatchObject({
      item: { status: 'waiting', reason: nobody.reason },
      fact: { reason: nobody.reason },
    });
    const waiting = (first as Exclude<typeof first, 'unchanged'>).item;
    expect(decided(waiting, nobody, AT)).toBe('unchanged');
    expect(decided(waiting, { ...nobody, reason: 'other' }, AT)).toMatchObject({ item: { reason: 'other' } });
  });

  it('closes once and is never reopened', () => {
    const item = closed(fresh(), { outcome: 'completed', closedAt: AT }, AT);
    expect(item).toMatchObject({ status: 'closed', outcome: 'completed' });
    expect(closed(item as Exclude<typeof item, 'unchanged'>, { outcome: 'cancelled', closedAt: AT }, AT)).toBe(
      'unchanged',
    );
    expect(() => decided(item as Exclude<typeof item, 'unchanged'>, assign, AT)).toThrow();
  });

  it('a close before its request: born closed; the request is recorded once, not offered', () => {
    const early = closedBeforeRequest(task, { outcome: 'cancelled', closedAt: AT }, 'evt-close', AT);
    expect(early).toMatchObject({ status: 'closed', outcome: 'cancelled' });
    expect(early.requestedAt).toBeUndefined();
    const late = requestedAfterClose(early, AT, AT);
    expect(late).toMatchObject({ status: 'closed', requestedAt: AT, history: [{}, { action: 'requested' }] });
    expect(requestedAfterClose(late as Exclude<typeof late, 'unchanged'>, AT, AT)).toBe('unchanged');
  });
});
