import {
  chaosVerdict,
  doubleBookings,
  duplicatedAppliances,
  duplicatedTickets,
  duplicatedWorkOrders,
  WorkOrderRecord,
} from './chaos-checks';

const order = (id: string, over: Partial<WorkOrderRecord> = {}): WorkOrderRecord => ({
  workOrderId: id,
  kind: 'installation',
  sourceId: `INST-${id}`,
  status: 'assigned',
  applianceId: `APP-${id}`,
  ...over,
});
const at = (hour: number, minute = 0) =>
  `2030-03-04T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const booked = (id: string, technicianId: string, from: string, to: string, over: Partial<WorkOrderRecord> = {}) =>
  order(id, { technicianId, window: { from, to }, ...over });

describe('the chaos checks', () => {
  it('finds a serial registered as two appliances, not one registered once (or found twice under one id)', () => {
    const bySerial = new Map([
      ['SN-1', ['A1']],
      ['SN-2', ['A2', 'A3']],
      ['SN-3', ['A4', 'A4']],
    ]);
    expect(duplicatedAppliances(bySerial)).toEqual(['SN-2: A2, A3']);
  });

  it('finds a case with two tickets', () => {
    const tickets = [
      { ticketId: 'T1', caseId: 'C1' },
      { ticketId: 'T2', caseId: 'C2' },
      { ticketId: 'T3', caseId: 'C2' },
      { ticketId: 'T1', caseId: 'C1' },
    ];
    expect(duplicatedTickets(tickets)).toEqual(['C2: T2, T3']);
  });

  it('counts two live work orders for one source, but not one that a later attempt superseded', () => {
    const orders = [
      order('1', { sourceId: 'S1', status: 'released' }),
      order('2', { sourceId: 'S1', status: 'done' }),
      order('3', { kind: 'repair', sourceId: 'S2', status: 'awaiting-parts' }),
      order('4', { kind: 'repair', sourceId: 'S2', status: 'assigned' }),
      order('5', { kind: 'repair', sourceId: 'S3', status: 'assigned' }),
      order('6', { kind: 'repair', sourceId: 'S3', status: 'done' }),
      order('5', { kind: 'repair', sourceId: 'S3', status: 'assigned' }),
      order('7', { kind: 'maintenance', sourceId: 'S1', status: 'assigned' }),
    ];
    expect(duplicatedWorkOrders(orders)).toEqual(['repair S3: 5 (assigned), 6 (done)']);
  });

  it('finds a technician booked twice at once, where one of the two is ours', () => {
    const orders = [
      booked('a', 'T1', at(8), at(10)),
      booked('b', 'T1', at(9), at(11)),
      booked('c', 'T1', at(11), at(12)), // touches b: no overlap
      booked('d', 'T2', at(8), at(10)),
      booked('e', 'T2', at(9), at(10), { status: 'released' }), // given up: no longer holds the slot
      booked('f', 'T3', at(8), at(12), { applianceId: 'OTHER-RUN' }),
      booked('g', 'T3', at(9), at(10), { applianceId: 'OTHER-RUN' }),
    ];
    const ours = (o: WorkOrderRecord) => o.applianceId.startsWith('APP-');
    expect(doubleBookings(orders, ours)).toEqual([`T1: a ${at(8)}–${at(10)} overlaps b ${at(9)}–${at(11)}`]);
  });

  it('sees an overlap past a short booking in between', () => {
    const orders = [
      booked('a', 'T1', at(8), at(12)),
      booked('b', 'T1', at(9), at(9, 30)),
      booked('c', 'T1', at(11), at(13)),
    ];
    expect(doubleBookings(orders, () => true)).toHaveLength(2);
  });

  it('passes only a run with nothing lost, nothing twice, every target back and every check made', () => {
    const clean = {
      failedActions: 0,
      lost: 0,
      duplicatedNotifications: 0,
      duplicatedAppliances: [],
      duplicatedTickets: [],
      duplicatedWorkOrders: [],
      doubleBookings: [],
      unchecked: [],
    };
    expect(chaosVerdict(clean)).toEqual({ ok: true, failures: [] });
    expect(chaosVerdict({ ...clean, lost: 2 }).failures).toEqual(['2 notifications lost']);
    expect(chaosVerdict({ ...clean, doubleBookings: ['x'] }).ok).toBe(false);
    expect(chaosVerdict({ ...clean, duplicatedWorkOrders: ['x'] }).ok).toBe(false);
    expect(chaosVerdict({ ...clean, duplicatedTickets: ['x'] }).ok).toBe(false);
    expect(chaosVerdict({ ...clean, duplicatedAppliances: ['x'] }).ok).toBe(false);
    expect(chaosVerdict({ ...clean, duplicatedNotifications: 1 }).ok).toBe(false);
    expect(chaosVerdict({ ...clean, failedActions: 1 }).failures).toEqual(['1 chaos targets not back in time']);
    expect(chaosVerdict({ ...clean, unchecked: ['board: 503'] }).failures).toEqual(['1 checks not made']);
  });
});
