import { CONFLICT, EventFactory, WriteConflictError } from '@appliance-care/messaging';
import { NotFoundError } from '@appliance-care/platform';

import { buildRepairsPolicy } from '../config/repairs-policy.config';
import { sampleDiagnosis } from '../domain/diagnosis.fixture';
import { RepairTicket } from '../domain/repair-ticket';
import { StoredTicket, TicketRepository } from '../persistence/ticket.repository';
import { TicketChanges } from './ticket-changes.unit-of-work';

const opened = RepairTicket.open(sampleDiagnosis(), buildRepairsPolicy(), new Date('2027-03-01T10:00:00Z'), 'corr-1');
const stored: StoredTicket = { state: { ...opened.state, version: 1 }, history: [], idempotencyKeys: [] };

/** A store in which another writer always got there first (what only a pathological race does). */
class AlwaysChanged {
  finds = 0;
  async find(): Promise<StoredTicket> {
    this.finds += 1;
    return stored;
  }
  async save(): Promise<typeof CONFLICT> {
    return CONFLICT;
  }
}

describe('TicketChanges', () => {
  const factory = new EventFactory('/test');

  it('decides again on a fresh copy after each conflict, and gives up with a transient WriteConflictError after 8', async () => {
    const repository = new AlwaysChanged();
    const tickets = new TicketChanges(repository as unknown as TicketRepository, factory);
    const failure = await tickets
      .change('RT-CASE-1', (ticket) => ticket.assign('T-1', 'WO-1', new Date()) && {})
      .catch((err) => err);
    expect(failure).toBeInstanceOf(WriteConflictError);
    expect(failure).toMatchObject({ retryable: true, attempts: 8 });
    expect(repository.finds).toBe(8);
  });

  it('stores nothing for a decision that changes nothing, and names a missing ticket', async () => {
    const repository = new AlwaysChanged();
    const tickets = new TicketChanges(repository as unknown as TicketRepository, factory);
    await expect(tickets.change('RT-CASE-1', () => false)).resolves.toBe(stored);
    const missing = new TicketChanges({ find: async () => undefined } as unknown as TicketRepository, factory);
    await expect(missing.change('RT-NONE', () => ({}))).rejects.toBeInstanceOf(NotFoundError);
  });
});
