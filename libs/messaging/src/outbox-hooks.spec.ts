import { createEvent } from '@appliance-care/contracts';

import { outboxFields, withEvents } from './outbox';
import { bulkOperationAddsEntries, carriesEntries, updateAddsEntries } from './outbox-hooks';

const event = () =>
  createEvent({
    type: 'device.fault.reported.v1',
    source: '/test/hooks',
    subject: 'SER-1',
    data: { serialNumber: 'SER-1', errorCode: 'E1', reportedAt: '2026-12-01T00:00:00Z' },
  });

/** Which writes announce "events stored" (the relay's wake-up) and which do not. */
describe('outbox writes recognised by the hooks', () => {
  it('a document born with events, not one born without', () => {
    expect(carriesEntries({ _id: 'a', ...outboxFields([event()]) })).toBe(true);
    expect(carriesEntries({ _id: 'a', ...outboxFields([]) })).toBe(false);
    expect(carriesEntries({ _id: 'a' })).toBe(false);
  });

  it('an update made by withEvents with events, not one without or the relay clearing an outbox', () => {
    expect(updateAddsEntries(withEvents({ $set: { status: 'x' } }, [event()]))).toBe(true);
    expect(updateAddsEntries(withEvents({ $set: { status: 'x' } }, []))).toBe(false);
    expect(updateAddsEntries({ $set: { outbox: [], outboxPending: false } })).toBe(false);
    expect(updateAddsEntries({ $set: { outboxPending: true }, $unset: { outboxParked: '' } })).toBe(true);
    expect(updateAddsEntries([{ $set: { outboxPending: true } }])).toBe(true);
    expect(updateAddsEntries(undefined)).toBe(false);
  });

  it('bulk operations that insert, update or replace with events', () => {
    expect(bulkOperationAddsEntries({ insertOne: { document: { ...outboxFields([event()]) } } })).toBe(true);
    expect(bulkOperationAddsEntries({ updateOne: { filter: {}, update: withEvents({}, [event()]) } })).toBe(true);
    expect(bulkOperationAddsEntries({ updateMany: { filter: {}, update: { $inc: { n: 1 } } } })).toBe(false);
    expect(bulkOperationAddsEntries({ replaceOne: { filter: {}, replacement: outboxFields([event()]) } })).toBe(true);
    expect(bulkOperationAddsEntries({ deleteOne: { filter: {} } })).toBe(false);
  });
});
