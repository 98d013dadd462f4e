import { EventEnvelope } from '@appliance-care/contracts';

import { Recipient } from '../domain/recipient';
import { RecipientRepository } from '../persistence/recipient.repository';
import { ScheduledReminderRepository } from '../persistence/scheduled-reminder.repository';
import { ScheduledReminderDoc } from '../persistence/scheduled-reminder.schema';
import { loadNotificationsConfig } from './notifications.config';
import { reminderId, ReminderScheduler } from './reminder-scheduler';

const NOW = new Date('2026-12-02T08:00:00.000Z');
const window = (day: number) => ({
  from: `2026-12-${String(day).padStart(2, '0')}T09:00:00.000Z`,
  to: `2026-12-${String(day).padStart(2, '0')}T11:00:00.000Z`,
});

const installationScheduled = (n: number, day = 10, time = NOW.toISOString()): EventEnvelope =>
  ({
    specversion: '1.0',
    id: `ev-${n}-${day}`,
    type: 'installation.scheduled.v1',
    source: 'sales-installation',
    time,
    correlationid: `corr-${n}`,
    data: {
      installationId: `INS-${n}`,
      applianceId: `A-${n}`,
      customerId: `C-${n}`,
      workOrderId: `WO-${n}`,
      technicianId: 'T-1',
      technicianName: 'Grace Hopper',
      window: window(day),
      attempt: 1,
    },
  }) as unknown as EventEnvelope;

/** The reminders as the store holds them, and every command asked of it. */
class StoredReminders {
  readonly docs = new Map<string, ScheduledReminderDoc>();
  readonly cancelled = new Set<string>();
  readonly commands: string[] = [];
  /** another writer stores these first, between our read and our insert */
  readonly overtakenBy = new Map<string, ScheduledReminderDoc>();

  async cancelledKeys(keys: string[]) {
    this.commands.push('cancelledKeys');
    return new Map(keys.filter((k) => this.cancelled.has(k)).map((k) => [k, { status: 'cancelled', reason: 'test' }]));
  }
  async heldAmong(ids: string[]) {
    this.commands.push('heldAmong');
    return new Set(ids.filter((id) => this.docs.has(id)));
  }
  async insertMany(docs: ScheduledReminderDoc[]) {
    this.commands.push('insertMany');
    for (const [id, doc] of this.overtakenBy) this.docs.set(id, doc);
    let all = true;
    for (const doc of docs) {
      if (this.docs.has(doc._id)) all = false;
      else this.docs.set(doc._id, doc);
    }
    return all;
  }
  async rememberCancellations(endings: { by: Record<string, string> }[]) {
    this.commands.push('rememberCancellations');
    for (const { by } of endings)
      this.cancelled.add(by['workOrderId'] ? `workOrder:${by['workOrderId']}` : `source:${by['sourceId']}`);
  }
  async endAll(endings: { ending: { by: Record<string, string> }; status: string }[]) {
    this.commands.push('endAll');
    let ended = 0;
    for (const { ending, status } of endings)
      for (const [id, doc] of this.docs)
        if (
          doc.status === 'scheduled' &&
          Object.entries(ending.by).every(([k, v]) => doc[k as keyof typeof doc] === v)
        ) {
          this.docs.set(id, { ...doc, status: status as ScheduledReminderDoc['status'] });
          ended += 1;
        }
    return ended;
  }
  async find(id: string) {
    this.commands.push('find');
    return this.docs.get(id);
  }
  async insert(doc: ScheduledReminderDoc) {
    this.commands.push('insert');
    if (this.docs.has(doc._id)) return false;
    this.docs.set(doc._id, doc);
    return true;
  }
  async rebook(id: string, revision: number, booking: Partial<ScheduledReminderDoc>) {
    this.commands.push('rebook');
    const held = this.docs.get(id);
    if (!held || held.revision !== revision) return false;
    this.docs.set(id, { ...held, ...booking, revision: revision + 1 });
    return true;
  }
}

const customer = (id: string): Recipient => ({
  id,
  contacts: { kind: 'customer', name: 'Ada', email: `${id}@example.test`, locale: 'en' },
  preferences: { channels: { email: true, sms: true, webhook: true, 'in-app': true } },
});

function scheduler(store: StoredReminders) {
  const recipients = {
    findMany: async (ids: string[]) => new Map(ids.map((id) => [id, customer(id)])),
  } as unknown as RecipientRepository;
  const config = loadNotificationsConfig({ REMINDER_LEAD_HOURS: 'email:24,in-app:24' });
  return new ReminderScheduler(store as unknown as ScheduledReminderRepository, recipients, config);
}

describe('ReminderScheduler: the bookings of a round', () => {
  it('are stored with one read and one insert, whatever their number', async () => {
    const store = new StoredReminders();
    await scheduler(store).onEvents(
      [1, 2, 3].map((n) => installationScheduled(n)),
      NOW,
    );

    expect(store.commands).toEqual(['cancelledKeys', 'heldAmong', 'insertMany']);
    expect([...store.docs.keys()].sort()).toEqual(
      [1, 2, 3].flatMap((n) => ['email', 'in-app'].map((c) => reminderId(`WO-${n}`, `C-${n}`, c))).sort(),
    );
    expect(store.docs.get(reminderId('WO-2', 'C-2', 'email'))).toMatchObject({
      status: 'scheduled',
      dueAt: new Date('2026-12-09T09:00:00.000Z'),
      bookingEventId: 'ev-2-10',
      revision: 0,
    });
  });

  it('rewrite on its own only a reminder held already, and skip a cancelled order', async () => {
    const store = new StoredReminders();
    await scheduler(store).onEvents([installationScheduled(1, 10, '2026-12-01T08:00:00.000Z')], NOW);
    store.cancelled.add('source:INS-3');
    store.commands.length = 0;

    // a newer booking of order 1 (another day), a first one of order 2, one of cancelled order 3
    await scheduler(store).onEvents(
      [installationScheduled(1, 12), installationScheduled(2), installationScheduled(3)],
      NOW,
    );

    expect(store.commands).toEqual(['cancelledKeys', 'heldAmong', 'insertMany', 'find', 'rebook', 'find', 'rebook']);
    expect(store.docs.get(reminderId('WO-1', 'C-1', 'email'))).toMatchObject({ window: window(12), revision: 1 });
    expect(store.docs.has(reminderId('WO-2', 'C-2', 'email'))).toBe(true);
    expect(store.docs.has(reminderId('WO-3', 'C-3', 'email'))).toBe(false);
  });

  it('compare with what is there what another writer stored first', async () => {
    const store = new StoredReminders();
    const id = reminderId('WO-1', 'C-1', 'email');
    // the same order booked for another day by a newer event, stored by another writer after our read
    const elsewhere = new StoredReminders();
    await scheduler(elsewhere).onEvents([installationScheduled(1, 14, '2026-12-02T09:00:00.000Z')], NOW);
    store.overtakenBy.set(id, elsewhere.docs.get(id) as ScheduledReminderDoc);

    await scheduler(store).onEvents([installationScheduled(1, 10), installationScheduled(2)], NOW);

    // each fresh one compared one at a time; theirs is newer, so it stays
    expect(store.commands.slice(0, 3)).toEqual(['cancelledKeys', 'heldAmong', 'insertMany']);
    expect(store.commands.filter((c) => c === 'find')).toHaveLength(4);
    expect(store.commands).not.toContain('rebook');
    expect(store.docs.get(id)).toMatchObject({ window: window(14) });
    expect(store.docs.has(reminderId('WO-2', 'C-2', 'email'))).toBe(true);
  });

  it('end theirs and remember them in two commands, whatever their number, before any booking', async () => {
    const store = new StoredReminders();
    await scheduler(store).onEvents(
      [1, 2].map((n) => installationScheduled(n)),
      NOW,
    );
    store.commands.length = 0;
    const event = (type: string, data: Record<string, unknown>) =>
      ({ ...installationScheduled(9), id: `ev-${type}`, type, data }) as EventEnvelope;

    await scheduler(store).onEvents(
      [
        event('installation.completed.v1', { installationId: 'INS-1' }),
        event('work-order.cancelled.v1', { workOrderId: 'WO-2' }),
        // booked after its cancellation was remembered in this very round: nothing to remind of
        installationScheduled(3),
      ].concat(event('installation.cancelled.v1', { installationId: 'INS-3' })),
      NOW,
    );

    expect(store.commands).toEqual(['rememberCancellations', 'endAll', 'cancelledKeys']);
    expect(store.docs.get(reminderId('WO-1', 'C-1', 'email'))).toMatchObject({ status: 'done' });
    expect(store.docs.get(reminderId('WO-2', 'C-2', 'in-app'))).toMatchObject({ status: 'cancelled' });
    expect(store.docs.has(reminderId('WO-3', 'C-3', 'email'))).toBe(false);
  });
});
