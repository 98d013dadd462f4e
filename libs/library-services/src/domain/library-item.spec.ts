import { catalogue, completeProcessing, registered } from './item-cataloguing';
import { placeHold, triage } from './item-circulation';
import { stepDecision } from './library-access.policy';
import { childId, ItemState, newItem } from './library-item';
import { recordAssignment } from './library-task';

const now = new Date('2027-03-01T09:00:00Z');
const record = { callNumber: '853 ECO', subjects: [] };

function registeredItem(cataloguing: 'copy' | 'original' = 'copy'): ItemState {
  const item = newItem(
    {
      itemId: 'I-1',
      barcode: 'B-0001',
      title: 'The Name of the Rose',
      format: 'book',
      branch: 'central',
      cataloguing,
      source: 'staff',
      receivedAt: now.toISOString(),
    },
    now,
  );
  return registered(item, now).state;
}

const assigned = (item: ItemState, technicianId: string): ItemState => {
  const task = item.tasks.at(-1)!;
  return recordAssignment(item, {
    ...task,
    technicianId,
    technicianName: 'Tess',
    availableFrom: now.toISOString(),
    reason: 'least loaded',
    assignedAt: now.toISOString(),
  })!;
};

describe('a library item through processing', () => {
  it('is registered with its cataloguing task; copy cataloguing closes it and requests processing', () => {
    const item = registeredItem();
    expect(item.tasks).toEqual([
      expect.objectContaining({ taskId: 'I-1:t1', kind: 'copy-cataloguing', state: 'requested' }),
    ]);
    const change = catalogue(assigned(item, 'LT-1'), record, 'LT-1', now);
    expect(change.state.status).toBe('processing');
    expect(change.events.map((e) => e.type)).toEqual([
      'library.cataloguing.completed.v1',
      'library.task.closed.v1',
      'library.task.requested.v1',
    ]);
    expect(change.state.tasks.map((t) => [t.kind, t.state])).toEqual([
      ['copy-cataloguing', 'closed'],
      ['physical-processing', 'requested'],
    ]);
  });

  it('submits an original record for approval instead', () => {
    const change = catalogue(registeredItem('original'), record, 'LT-1', now);
    expect(change.state.status).toBe('awaiting-approval');
    expect(change.events.map((e) => e.type)).toEqual(['library.cataloguing.submitted.v1', 'library.task.closed.v1']);
  });

  it('is shelf-ready with its holds oldest first; a patron holds it once', () => {
    let item = catalogue(registeredItem(), record, 'LT-1', now).state;
    const patron = (patronId: string, at: string) => ({
      patronId,
      name: 'P',
      email: 'p@example.org',
      locale: 'en-GB',
      placedAt: at,
    });
    item = placeHold(item, patron('P-2', '2027-03-01T10:00:00Z')).change.state;
    item = placeHold(item, patron('P-1', '2027-03-01T09:30:00Z')).change.state;
    expect(placeHold(item, patron('P-1', '2027-03-02T00:00:00Z')).change.events).toEqual([]);
    const ready = completeProcessing(item, 'LT-1', now);
    const shelfReady = ready.events.find((e) => e.type === 'library.item.shelf-ready.v1')!;
    expect(shelfReady.data).toMatchObject({
      holdIds: ['I-1:h2', 'I-1:h1'],
      callNumber: '853 ECO',
      status: 'available',
    });
  });

  it('is triaged: repair requests a repair task, withdraw none', () => {
    const damaged: ItemState = { ...registeredItem(), status: 'damaged', tasks: [] };
    expect(triage(damaged, 'repair', 'LIB-1', undefined, now).state.tasks.map((t) => t.skill)).toEqual(['book-repair']);
    const withdrawn = triage(damaged, 'withdraw', 'LIB-1', 'mould', now);
    expect(withdrawn.state.status).toBe('withdrawn');
    expect(withdrawn.events.map((e) => e.type)).toEqual(['library.item.triaged.v1']);
  });

  it('keeps ids within 128 characters, stably', () => {
    const long = 'x'.repeat(128);
    expect(childId(long, 't1').length).toBeLessThanOrEqual(128);
    expect(childId(long, 't1')).toBe(childId(long, 't1'));
  });
});

describe('stepDecision', () => {
  const item = assigned(registeredItem(), 'LT-1');
  it('lets the assignee, a librarian or an admin act, and tells why', () => {
    expect(stepDecision({ sub: 'u', roles: ['library-technician'], technicianId: 'LT-1' }, item)).toMatchObject({
      allowed: true,
      technicianId: 'LT-1',
    });
    expect(stepDecision({ sub: 'lib', roles: ['librarian'] }, item)).toMatchObject({
      allowed: true,
      technicianId: 'LT-1',
    });
  });

  it('answers a stranger not-found and a former holder forbidden', () => {
    expect(stepDecision({ sub: 'u', roles: ['library-technician'], technicianId: 'LT-2' }, item)).toMatchObject({
      allowed: false,
      refusal: 'not-found',
    });
    const next = catalogue(item, record, 'LT-1', now).state;
    expect(stepDecision({ sub: 'u', roles: ['library-technician'], technicianId: 'LT-1' }, next)).toMatchObject({
      allowed: false,
      refusal: 'forbidden',
    });
  });
});
