import { KafkaMessage } from 'kafkajs';

import { EventEnvelope } from '@appliance-care/contracts';

import { Actors } from './actors';
import { Bookkeeping } from './bookkeeping';
import { Observer } from './observer';
import { PlannedPurchase } from './plan';

const purchase = {
  orderId: 'ORD-1',
  customerId: 'C-1',
  items: [{ serialNumber: 'SN-1', installation: true }],
} as unknown as PlannedPurchase;

let sequence = 0;
const event = (type: string, data: Record<string, unknown>, id = `E-${++sequence}`) =>
  ({ id, type, time: new Date(Date.UTC(2026, 11, 1, 8, 0, sequence)).toISOString(), data }) as EventEnvelope;

function observed() {
  const book = new Bookkeeping([purchase]);
  const actors = { install: jest.fn(async () => undefined), injectFault: jest.fn(async () => undefined) };
  const observer = new Observer(book, actors as unknown as Actors, new Map(), 'run-7.');
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

  it('counts dead letters by original topic (without the run prefix) and error code', () => {
    const { book, observer } = observed();
    const headers = { 'x-error-code': Buffer.from('unknown-serial'), 'x-original-topic': 'run-7.devices.faults.v1' };
    observer.onMessage('run-7.devices.faults.v1.dlq', { headers } as unknown as KafkaMessage);
    expect([...book.dlqReasons]).toEqual([['devices.faults.v1: unknown-serial', 1]]);
  });
});
