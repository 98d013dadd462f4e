import { createEvent } from '@appliance-care/contracts';
import { DEAD_LETTER_HEADERS, physicalTopic } from '@appliance-care/messaging';

import { deadLetterEntry } from './held-fault.repository';
import { HeldFaultDocument } from './held-fault.schema';

describe('deadLetterEntry', () => {
  const fault = createEvent({
    type: 'device.fault.reported.v1',
    source: '/test/device',
    data: { serialNumber: 'SN-1', errorCode: 'E21', reportedAt: '2026-12-01T10:00:00.000Z' },
  });
  const topic = physicalTopic('devices.faults.v1');
  const held: HeldFaultDocument = {
    _id: fault.id,
    serialNumber: 'SN-1',
    event: fault as unknown as Record<string, unknown>,
    origin: { topic, partition: 4, offset: '17' },
    status: 'held',
    heldUntil: new Date('2026-12-01T10:30:00Z'),
    createdAt: new Date('2026-12-01T10:00:01Z'),
  };
  const entry = deadLetterEntry(
    held,
    { code: 'unknown-serial', message: 'no appliance SN-1' },
    'appliance-care.diagnostics',
  );

  it("is the fault's own record, keyed by its serial, on the original topic's .dlq", () => {
    expect(entry).toMatchObject({ id: fault.id, type: fault.type, topic: `${topic}.dlq`, key: 'SN-1' });
    expect(entry.headers).toMatchObject({ ce_id: fault.id, ce_type: 'device.fault.reported.v1' });
  });

  it('carries every header the consumer adds to a dead letter, naming where the fault was read', () => {
    expect(Object.keys(entry.headers)).toEqual(expect.arrayContaining([...DEAD_LETTER_HEADERS]));
    expect(entry.headers).toMatchObject({
      'x-error-code': 'unknown-serial',
      'x-error-message': 'no appliance SN-1',
      'x-consumer-group': 'appliance-care.diagnostics',
      'x-original-topic': topic,
      'x-original-partition': '4',
      'x-original-offset': '17',
    });
  });
});
