import { KafkaMessage } from 'kafkajs';

import { EventEnvelope } from '@appliance-care/contracts';

import { Actors } from './actors';
import { Bookkeeping } from './bookkeeping';
import { NotificationExpectations } from './expectations';
import { Observer } from './observer';
import { PlannedPurchase } from './plan';

const purchase = {
  orderId: 'ORD-1',
  customerId: 'C-1',
  items: [{ serialNumber: 'SN-1', installation: true }],
} as unknown as PlannedPurchase;

const DAY = 86_400_000;
let sequence = 0;
const event = (type: string, data: Record<string, unknown>, id = `E-${++sequence}`) =>
  ({ id, type, time: new Date(Date.UTC(2026, 11, 1, 8, 0, sequence)).toISOString(), data }) as EventEnvelope;

function observed() {
  const book = new Bookkeeping([purchase]);
  const done = async () => undefined;
  const actors = { install: jest.fn(done), injectFault: jest.fn(done), repair: jest.fn(done) };
  const expectations = new NotificationExpectations({ technicianEmail: new Map(), reminderLeadMs: { email: DAY } });
  const observer = new Observer(book, actors as unknown as Actors, expectations, 'run-7.');
  observer.onEvent(event('appliance.registered.v1', { serialNumber: 'SN-1', applianceId: 'A-1', customerId: 'C-1' }));
  return { book, actors, observer };
}

describe('Observer', () => {
  it("follows a planned appliance by its id once registered, and ignores another run's", () => {
    const { book, observer } = observed();
    observer.onEvent(event('appliance.registered.v1', { serialNumber: 'SN-OTHER', applianceId: 'A-9' }));
    expect(book.counters.registered).toBe(1);
    expect(book.lifecycles[0].applianceId).toBe('A-1');
    // the rules tell the customer of a registration, on in-app and email
    expect(book.tracker.notificationTotals().expected).toBe(2);
  });

  it('holds what arrives before the registration (topics are read independently) and handles it after', () => {
    const book = new Bookkeeping([purchase]);
    const expectations = new NotificationExpectations({ technicianEmail: new Map(), reminderLeadMs: { email: DAY } });
    const observer = new Observer(book, {} as unknown as Actors, expectations, 'run-7.');
    const registered = event('appliance.registered.v1', {
      serialNumber: 'SN-1',
      applianceId: 'A-1',
      customerId: 'C-1',
    });
    const sent = (channel: string) =>
      event('notification.sent.v1', {
        notificationId: `N-${channel}`,
        sourceEventId: registered.id,
        recipientId: 'C-1',
        channel,
        applianceId: 'A-1',
        sentAt: registered.time,
      });
    // the in-app notification of the registration comes first, the registration then, the email last
    observer.onEvent(sent('in-app'));
    observer.onEvent(registered);
    observer.onEvent(sent('email'));
    expect(book.tracker.notificationTotals()).toMatchObject({ expected: 2, lost: 0, unexpected: 0 });
  });

  it('has the technician install once per scheduling, however often the event comes', () => {
    const { book, actors, observer } = observed();
    const scheduled = event('installation.scheduled.v1', {
      applianceId: 'A-1',
      installationId: 'I-1',
      technicianId: 'T-1',
      attempt: 1,
    });
    observer.onEvent(scheduled);
    observer.onEvent(scheduled);
    expect(actors.install).toHaveBeenCalledTimes(1);
    expect(actors.install).toHaveBeenCalledWith(book.lifecycles[0], 'I-1', 'T-1');
    expect(book.counters).toMatchObject({ installationsScheduled: 1, redelivered: 1 });
    observer.onEvent(
      event('installation.scheduled.v1', {
        applianceId: 'A-1',
        installationId: 'I-1',
        technicianId: 'T-2',
        attempt: 2,
      }),
    );
    expect(actors.install).toHaveBeenLastCalledWith(book.lifecycles[0], 'I-1', 'T-2');
    expect(book.counters.installationsScheduled).toBe(1);
  });

  it('stalls a lifecycle dispatch cannot assign, with the reason, and finishes it', () => {
    const { book, observer } = observed();
    expect(book.allFinished()).toBe(false);
    observer.onEvent(
      event('work-order.unassignable.v1', { applianceId: 'A-1', kind: 'installation', reason: 'fully booked' }),
    );
    expect(book.lifecycles[0].stalled).toBe('installation unassignable: fully booked');
    expect(book.allFinished()).toBe(true);
  });

  it("expects the dispatch team's alert of an unassignable order, and takes it (team or region) as expected", () => {
    const { book, observer } = observed();
    const before = book.tracker.notificationTotals().expected;
    const unassignable = event('work-order.unassignable.v1', {
      applianceId: 'A-1',
      customerId: 'C-1',
      kind: 'repair',
      reason: 'fully booked',
      region: 'London',
    });
    observer.onEvent(unassignable);
    expect(book.tracker.notificationTotals().expected - before).toBe(2); // the team, in-app and email
    const sent = (recipientId: string, channel: string, id: string) =>
      event('notification.sent.v1', {
        applianceId: 'A-1',
        notificationId: id,
        sourceEventId: unassignable.id,
        recipientId,
        channel,
        sentAt: unassignable.time,
      });
    observer.onEvent(sent('dispatch-team', 'in-app', 'N-team'));
    observer.onEvent(sent('dispatch-team:london', 'email', 'N-route')); // DISPATCH_TEAM_ROUTES named the region
    expect(book.tracker.missing().filter((s) => s.startsWith(unassignable.id))).toEqual([]);
    expect(book.tracker.notificationTotals()).toMatchObject({ unexpected: 0, duplicates: 0 });
  });

  it('allows the reminder of a booking made more than the lead ahead, and of no other', () => {
    const { book, observer } = observed();
    const booking = (from: string) =>
      event('work-order.assigned.v1', {
        applianceId: 'A-1',
        customerId: 'C-1',
        kind: 'repair',
        workOrderId: 'WO-1',
        sourceId: 'T-1',
        technicianId: 'TECH-1',
        window: { from, to: from },
      });
    const ahead = booking('2026-12-03T08:00:00Z'); // two days ahead: a reminder the day before
    const soon = booking('2026-12-01T16:00:00Z'); // the same day: its booking message is the reminder
    observer.onEvent(ahead);
    observer.onEvent(soon);
    const expected = book.tracker.notificationTotals().expected;
    const reminder = (bookingId: string, id: string) =>
      event('notification.sent.v1', {
        applianceId: 'A-1',
        notificationId: id,
        sourceEventId: `${bookingId}:reminder`,
        recipientId: 'C-1',
        channel: 'email',
        sentAt: '2026-12-02T08:00:00Z',
      });
    observer.onEvent(reminder(ahead.id, 'N-rem-1'));
    expect(book.tracker.notificationTotals()).toMatchObject({ allowed: 1, unexpected: 0, expected });
    observer.onEvent(reminder(soon.id, 'N-rem-2'));
    expect(book.tracker.unexpected()).toEqual([`${soon.id}:reminder|C-1|email`]);
    // a reminder that never comes is not missing: it may fall due after the run
    expect(book.tracker.missing().some((s) => s.includes(':reminder'))).toBe(false);
  });

  it('counts dead letters by original topic (without the run prefix) and error code', () => {
    const { book, observer } = observed();
    const headers = { 'x-error-code': Buffer.from('unknown-serial'), 'x-original-topic': 'run-7.devices.faults.v1' };
    observer.onMessage('run-7.devices.faults.v1.dlq', { headers } as unknown as KafkaMessage);
    expect([...book.dlqReasons]).toEqual([['devices.faults.v1: unknown-serial', 1]]);
  });
});
