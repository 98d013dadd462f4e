import { holdNoticeId, perHold, SHELF_READY } from './library-hold-notices';

const shelfReady = (holdIds: string[]) => ({ id: 'evt-1', type: SHELF_READY, data: { itemId: 'I-1', holdIds } });

describe('a shelf-ready item tells each hold', () => {
  const holds = new Map([
    ['H-1', { holdId: 'H-1', patronId: 'P-1' }],
    ['H-2', { holdId: 'H-2', patronId: 'P-2' }],
  ]);

  it('becomes one event per hold, naming its patron, with an id per hold', () => {
    const { events, unknown } = perHold([shelfReady(['H-1', 'H-2'])], holds);
    expect(events.map((e) => [e.id, (e.data as Record<string, unknown>)['patronId']])).toEqual([
      [holdNoticeId('evt-1', 'H-1'), 'P-1'],
      [holdNoticeId('evt-1', 'H-2'), 'P-2'],
    ]);
    expect(unknown).toEqual([]);
  });

  it('tells nobody for a hold it never heard of, and leaves other events alone', () => {
    const other = { id: 'evt-2', type: 'repair.completed.v1', data: {} };
    const { events, unknown } = perHold([shelfReady(['H-9']), other], holds);
    expect(events).toEqual([other]);
    expect(unknown).toEqual(['H-9']);
  });

  it('tells nobody when the item had no holds', () => {
    expect(perHold([shelfReady([])], holds).events).toEqual([]);
  });
});
