import { createEvent, fromKafkaRecord, toKafkaRecord } from './envelope';

const data = { serialNumber: 'ACM-WM8-0001', errorCode: 'E21', reportedAt: '2026-12-03T08:00:00Z' };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('the CloudEvents distributed-tracing extension', () => {
  it('travels as ce_traceparent / ce_tracestate and comes back from the record', () => {
    const event = createEvent({
      type: 'device.fault.reported.v1',
      source: '/devices/x',
      data,
      traceparent: TRACEPARENT,
      tracestate: 'vendor=1',
    });
    const record = toKafkaRecord(event, 'ACM-WM8-0001');
    expect(record.headers).toMatchObject({ ce_traceparent: TRACEPARENT, ce_tracestate: 'vendor=1' });
    expect(fromKafkaRecord(record)).toMatchObject({ traceparent: TRACEPARENT, tracestate: 'vendor=1' });
  });

  it('is no header at all when nothing was traced', () => {
    const record = toKafkaRecord(createEvent({ type: 'device.fault.reported.v1', source: '/devices/x', data }), 'k');
    expect(Object.keys(record.headers).filter((h) => h.startsWith('ce_trace'))).toEqual([]);
    expect(fromKafkaRecord(record)).not.toHaveProperty('traceparent');
  });
});
