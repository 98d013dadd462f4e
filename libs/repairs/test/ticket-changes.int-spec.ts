import mongoose, { Connection, Model } from 'mongoose';

import { EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';
import { isolateTestEnv, testDatabase, TestEnv } from '@appliance-care/testing';

import {
  buildRepairsPolicy,
  envelopesFor,
  RepairTicket,
  SlaWatcher,
  TICKET_MODEL,
  TicketChanges,
  TicketDocument,
  TicketRepository,
  ticketSchema,
} from '../src';
import { sampleDiagnosis } from '../src/domain/diagnosis.fixture';

const policy = buildRepairsPolicy();

/** The ticket's one conditional write against the real store: concurrent changes neither lost nor doubled. */
describe('ticket changes on the store', () => {
  let env: TestEnv;
  let connection: Connection;
  let model: Model<TicketDocument>;
  let repository: TicketRepository;
  let tickets: TicketChanges;
  const factory = new EventFactory('/test/repairs');

  const open = async (caseId: string, now = new Date()) => {
    const ticket = RepairTicket.open(sampleDiagnosis({ caseId }), policy, now, `corr-${caseId}`);
    const events = Correlation.run({ correlationId: `corr-${caseId}`, causationId: `diagnosis-${caseId}` }, () =>
      envelopesFor(factory, ticket),
    );
    return { ticket, inserted: await repository.insert(ticket, events) };
  };

  beforeAll(async () => {
    env = isolateTestEnv('repairs-lib');
    connection = await mongoose
      .createConnection(env.mongoUri, { dbName: testDatabase('repairs_lib', env) })
      .asPromise();
    model = connection.model<TicketDocument>(TICKET_MODEL, ticketSchema);
    await model.init();
    repository = new TicketRepository(model);
    tickets = new TicketChanges(repository, factory);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('opens one ticket per case, with its event in the same document', async () => {
    const first = await open('CASE-ONCE');
    expect(first.inserted).toBe(true);
    expect((await open('CASE-ONCE')).inserted).toBe(false);
    const doc = await model.findById(first.ticket.state.ticketId).lean();
    expect(doc).toMatchObject({ version: 1, outboxPending: true, caseId: 'CASE-ONCE' });
    expect(doc?.outbox.map((entry) => entry.type)).toEqual(['repair.ticket-opened.v1']);
  });

  it('keeps every one of many concurrent changes: each is decided again on a fresh copy after a conflict', async () => {
    const { ticket } = await open('CASE-RACE');
    const ticketId = ticket.state.ticketId;
    // As many writers as the unit of work has attempts (8): a writer whose write conflicts k times lost
    // to k successful writes of the others, so even the last one lands by its eighth attempt. More
    // writers than attempts may rightly end in WriteConflictError (503 with Retry-After).
    const changes = 8;
    await Promise.all(
      Array.from({ length: changes }, (_, n) =>
        tickets.change(ticketId, (fresh) => fresh.assign(`TECH-${n}`, `WO-${n}`, new Date()) && {}),
      ),
    );
    const stored = await repository.find(ticketId);
    expect(stored?.state.version).toBe(1 + changes);
    expect(stored?.history.filter((entry) => entry.action === 'assign')).toHaveLength(changes);
    expect(new Set(stored?.state.technicianIds)).toEqual(
      new Set(Array.from({ length: changes }, (_, n) => `TECH-${n}`)),
    );
  });

  it('records a breach once when two watchers race for it', async () => {
    const openedAt = new Date(Date.now() - 48 * 3600_000);
    const { ticket } = await open('CASE-BREACH', openedAt);
    const ticketId = ticket.state.ticketId;
    const watchers = Array.from({ length: 3 }, () => new SlaWatcher(repository, tickets, policy));
    const breached = await Promise.all(watchers.map((watcher) => watcher.scan()));
    expect(breached.reduce((sum, count) => sum + count, 0)).toBe(1);
    const doc = await model.findById(ticketId).lean();
    expect(doc?.history.filter((entry) => entry.action === 'sla-breached')).toHaveLength(1);
    expect(doc?.outbox.filter((entry) => entry.type === 'repair.sla-breached.v1')).toHaveLength(1);
    expect(doc).toMatchObject({ slaBreached: true, escalated: true, version: 2 });
    expect((await repository.find(ticketId))?.state).not.toHaveProperty('outbox');
  });
});
