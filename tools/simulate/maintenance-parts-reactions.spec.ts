import { EventEnvelope } from '@appliance-care/contracts';

import { Actors } from './actors';
import { Bookkeeping } from './bookkeeping';
import { NotificationExpectations } from './expectations';
import { Observer } from './observer';
import { SimulatorOptions } from './options';
import { PlannedPurchase } from './plan';
import { summary } from './report';

const DAY = 86_400_000;
const CHECKLIST = ['flue-gas-analysis', 'gas-tightness-test'];
const purchases = [
  {
    orderId: 'ORD-M',
    customerId: 'C-1',
    items: [
      { serialNumber: 'SN-M', installation: false, maintenance: { planId: 'boiler', dueAt: '', checklist: CHECKLIST } },
    ],
  },
  {
    orderId: 'ORD-F',
    customerId: 'C-2',
    items: [{ serialNumber: 'SN-F', installation: false, fault: { visitOutcome: 'repair-required', parts: [] } }],
  },
] as unknown as PlannedPurchase[];

let sequence = 0;
const event = (type: string, data: Record<string, unknown>, id = `E-${++sequence}`) =>
  ({ id, type, time: new Date(Date.UTC(2026, 11, 1, 8, 0, sequence)).toISOString(), data }) as EventEnvelope;

function observed() {
  const book = new Bookkeeping(purchases);
  const done = async () => undefined;
  const warehouse = { deliver: jest.fn(done) };
  const actors = { maintain: jest.fn(done), repair: jest.fn(done), injectFault: jest.fn(done), warehouse };
  const expectations = new NotificationExpectations({ technicianEmail: new Map(), reminderLeadMs: { email: DAY } });
  const observer = new Observer(book, actors as unknown as Actors, expectations, '', 0);
  observer.onEvent(event('appliance.registered.v1', { serialNumber: 'SN-M', applianceId: 'A-M', customerId: 'C-1' }));
  observer.onEvent(event('appliance.registered.v1', { serialNumber: 'SN-F', applianceId: 'A-F', customerId: 'C-2' }));
  return { book, actors, observer, warehouse };
}

const expectedOf = (book: Bookkeeping, e: EventEnvelope) =>
  book.tracker
    .missing()
    .filter((s) => s.startsWith(`${e.id}|`))
    .sort();

describe('Observer: planned maintenance', () => {
  it('counts the request, has the booked technician complete it once with the checklist, and finishes the lifecycle', () => {
    const { book, actors, observer } = observed();
    const maintained = book.lifecycles[0];
    expect(Bookkeeping.isFinished(maintained)).toBe(false);
    const due = event('maintenance.due.v1', { applianceId: 'A-M', customerId: 'C-1', region: 'london' });
    observer.onEvent(due);
    expect(expectedOf(book, due)).toEqual([`${due.id}|C-1|email`, `${due.id}|C-1|in-app`]);
    const booked = event('work-order.assigned.v1', {
      applianceId: 'A-M',
      customerId: 'C-1',
      kind: 'maintenance',
      workOrderId: 'WO-M-1',
      sourceId: 'A-M',
      technicianId: 'T-1',
      window: { from: '2026-12-04T08:00:00Z', to: '2026-12-04T10:00:00Z' },
    });
    observer.onEvent(booked);
    observer.onEvent({ ...booked, id: 'E-again' }); // dispatch's booking told twice: one visit
    expect(actors.maintain).toHaveBeenCalledTimes(1);
    expect(actors.maintain).toHaveBeenCalledWith(maintained, 'WO-M-1', 'T-1', CHECKLIST);
    // the customer (maintenance-visit-booked) and the technician; the day-before reminder is allowed
    expect(expectedOf(book, booked)).toEqual([
      `${booked.id}|C-1|email`,
      `${booked.id}|C-1|in-app`,
      `${booked.id}|T-1|in-app`,
    ]);
    const reminder = event('notification.sent.v1', {
      applianceId: 'A-M',
      notificationId: 'N-rem',
      sourceEventId: `${booked.id}:reminder`,
      recipientId: 'C-1',
      channel: 'email',
      sentAt: '2026-12-03T08:00:00Z',
    });
    observer.onEvent(reminder);
    expect(book.tracker.notificationTotals()).toMatchObject({ allowed: 1, unexpected: 0 });
    observer.onEvent(event('maintenance.overdue.v1', { applianceId: 'A-M', region: 'london' }));
    observer.onEvent(event('maintenance.completed.v1', { applianceId: 'A-M', customerId: 'C-1' }));
    expect(book.counters).toMatchObject({
      maintenanceRequested: 1,
      maintenanceBooked: 1,
      maintenanceCompleted: 1,
      maintenanceOverdue: 1,
    });
    expect(Bookkeeping.isFinished(maintained)).toBe(true);
    expect(book.tracker.stageSummary().find((s) => s.stage === 'maintenanceDueToCompleted')?.count).toBe(1);
  });
});

describe('Observer: repairs short of parts', () => {
  it('has the warehouse deliver each purchase request once, counts the wait once per ticket, and the return visit', async () => {
    const { book, observer, warehouse } = observed();
    const faulty = book.lifecycles[1];
    const lines = [{ sku: 'WM-DP-30W', name: 'Drain pump', quantity: 11, location: 'depot:london' }];
    const requested = event('parts.requested.v1', { applianceId: 'A-F', customerId: 'C-2', ticketId: 'RT-1', lines });
    observer.onEvent(requested);
    observer.onEvent(requested); // redelivered
    observer.onEvent(
      event('repair.awaiting-parts.v1', { applianceId: 'A-F', customerId: 'C-2', ticketId: 'RT-1', parts: lines }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20)); // the delivery delay (0 here)
    expect(warehouse.deliver).toHaveBeenCalledTimes(1);
    expect(warehouse.deliver).toHaveBeenCalledWith(faulty, 'RT-1', requested.id, lines);
    expect(book.counters).toMatchObject({ partsRequests: 1, waitedForParts: 1 });
    // a repair that waits for parts forever stalls with its reason when the run gives up
    book.stallUnfinished();
    expect(faulty.stalled).toBe('unfinished: waiting for parts: 11 × WM-DP-30W');
    faulty.stalled = undefined;
    const arrived = event('repair.parts-arrived.v1', { applianceId: 'A-F', customerId: 'C-2', ticketId: 'RT-1' });
    observer.onEvent(arrived);
    expect(expectedOf(book, arrived)).toEqual([`${arrived.id}|C-2|email`, `${arrived.id}|C-2|in-app`]);
    observer.onEvent(event('repair.completed.v1', { applianceId: 'A-F', customerId: 'C-2', ticketId: 'RT-1' }));
    expect(book.counters).toMatchObject({ partsArrived: 1, repairsCompleted: 1, returnVisitsCompleted: 1 });
    expect(Bookkeeping.isFinished(faulty)).toBe(true);
    const text = summary({
      options: { runId: 'r1', seed: 1, purchases: 2, rate: 1, faultRate: 0.2 } as SimulatorOptions,
      counters: book.counters,
      lifecycles: book.lifecycles,
      tracker: book.tracker,
      rest: { calls: 0, failures: 0, throttled: 0, errors: new Map() },
      dlqReasons: new Map(),
      actionErrors: [],
      elapsedMs: 1000,
    }).text;
    expect(text).toMatch(/maintenance +0 visits requested .* 0 booked · 0\/1 completed · 0 overdue/);
    expect(text).toMatch(
      /parts +1 tickets waited for parts .* 1 purchase requests · 0 stock receipts · 1 arrived · 1 return visits completed/,
    );
  });
});
