import { DiagnosisCompleted } from '@appliance-care/contracts';
import { BusinessRuleError, InvalidTransitionError } from '@appliance-care/kernel';

import { buildRepairsPolicy } from '../config/repairs-policy.config';
import { sampleDiagnosis } from './diagnosis.fixture';
import { RepairTicket } from './repair-ticket';
import { ticketIdFor } from './ticket-state';

const policy = buildRepairsPolicy();
const t0 = new Date('2027-03-01T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

const diagnosis = sampleDiagnosis;

function assigned(over: Partial<DiagnosisCompleted> = {}): RepairTicket {
  const opened = RepairTicket.open(diagnosis(over), policy, t0, 'corr-1');
  const t = new RepairTicket(opened.state);
  t.assign('TECH-1', 'WO-1', t0);
  return t;
}

describe('repair ticket', () => {
  it('opens with a deterministic id, priority from severity, SLA due time and coverage', () => {
    const t = RepairTicket.open(diagnosis({ severity: 'critical' }), policy, t0, 'corr-1');
    expect(t.state).toMatchObject({
      ticketId: 'RT-CASE-1',
      status: 'awaiting-assignment',
      priority: 'urgent',
      slaWatch: true,
      durationMinutes: 90,
    });
    expect(t.state.slaDueAt.toISOString()).toBe('2027-03-01T14:00:00.000Z');
    expect(t.events).toEqual([expect.objectContaining({ type: 'repair.ticket-opened.v1' })]);
    expect(t.events[0].data).toMatchObject({ coverage: { status: 'covered' }, slaDueAt: '2027-03-01T14:00:00.000Z' });
    expect(ticketIdFor('CASE-1')).toBe(t.state.ticketId);
  });

  it('puts an estimate on a billable ticket only', () => {
    const t = RepairTicket.open(diagnosis({ reportedAt: '2028-02-01T00:00:00Z' }), policy, t0, 'c');
    expect(t.state.coverage).toMatchObject({
      status: 'billable',
      estimate: { currency: 'GBP', parts: 42.5, labour: 82.5, callOut: 65, total: 190 },
    });
    expect(RepairTicket.open(diagnosis(), policy, t0, 'c').state.coverage.estimate).toBeUndefined();
  });

  it('falls back to the default skill and the address region; refuses a case with no region', () => {
    const t = RepairTicket.open(
      diagnosis({
        requiredSkill: undefined,
        region: undefined,
        address: { line1: 'x', city: 'y', postalCode: 'z', country: 'GB', region: 'north' },
      }),
      policy,
      t0,
      'c',
    );
    expect(t.state).toMatchObject({ requiredSkill: 'appliance-general', region: 'north' });
    expect(() => RepairTicket.open(diagnosis({ region: undefined }), policy, t0, 'c')).toThrow(BusinessRuleError);
    expect(() => RepairTicket.open(diagnosis({ outcome: 'resolved' }), policy, t0, 'c')).toThrow(BusinessRuleError);
  });

  it('completes a first-time fix within SLA', () => {
    const t = assigned();
    t.accept(at(1));
    t.enRoute(at(30).toISOString(), at(2));
    t.start(at(30));
    t.complete({ workDone: 'pump replaced', partsUsed: [], labourMinutes: 45, signedOffBy: 'Ada' }, at(80));
    expect(t.state).toMatchObject({ status: 'completed', firstTimeFix: true, slaMet: true, slaWatch: false });
    expect(t.events.map((e) => e.type)).toEqual([
      'repair.accepted.v1',
      'repair.en-route.v1',
      'repair.started.v1',
      'repair.completed.v1',
    ]);
    expect(t.events[3].data).toMatchObject({ technicianId: 'TECH-1', firstTimeFix: true, labourMinutes: 45 });
  });

  it('is no first-time fix after waiting for parts, and the paused time extends the due time', () => {
    const t = assigned();
    t.accept(at(1));
    t.enRoute(at(30).toISOString(), at(2));
    t.start(at(30));
    t.awaitParts([{ sku: 'P', name: 'p', quantity: 1 }], at(3000).toISOString(), true, at(60));
    expect(t.state).toMatchObject({ status: 'awaiting-parts', slaWatch: false });
    expect(t.breachSla(at(100_000))).toBe(false);
    t.enRoute(at(3000).toISOString(), at(2960));
    // 24 h SLA + 2900 minutes paused
    expect(t.state.slaDueAt.toISOString()).toBe(new Date(t0.getTime() + 24 * 3600e3 + 2900 * 60e3).toISOString());
    expect(t.state.slaWatch).toBe(true);
    t.start(at(3000));
    t.complete(
      { workDone: 'done', partsUsed: [{ sku: 'P', name: 'p', quantity: 1 }], labourMinutes: 30, signedOffBy: 'Ada' },
      at(3030),
    );
    expect(t.state).toMatchObject({ firstTimeFix: false, slaMet: true, visits: 2 });
  });

  it('keeps the clock running while waiting for parts when policy says so', () => {
    const t = assigned();
    t.accept(at(1));
    t.enRoute(at(30).toISOString(), at(2));
    t.start(at(30));
    t.awaitParts([{ sku: 'P', name: 'p', quantity: 1 }], at(3000).toISOString(), false, at(60));
    expect(t.state.slaWatch).toBe(true);
    expect(t.events.at(-1)?.data).toMatchObject({ slaPaused: false });
    expect(t.breachSla(at(24 * 60))).toBe(true);
  });

  it('is no first-time fix when another technician had started before', () => {
    const t = assigned();
    t.accept(at(1));
    t.enRoute(at(30).toISOString(), at(2));
    t.start(at(30));
    expect(t.release('TECH-1', 'reassigned', at(40))).toBe(true);
    expect(t.state).toMatchObject({ status: 'awaiting-assignment', technicianId: undefined });
    t.assign('TECH-2', 'WO-2', at(41));
    t.accept(at(42));
    t.enRoute(at(60).toISOString(), at(43));
    t.start(at(60));
    t.complete({ workDone: 'd', partsUsed: [], labourMinutes: 10, signedOffBy: 'A' }, at(70));
    expect(t.state.firstTimeFix).toBe(false);
    expect(t.state.technicianIds).toEqual(['TECH-1', 'TECH-2']);
  });

  it('declines back to awaiting assignment and remembers the decliner', () => {
    const t = assigned();
    t.decline('too far', at(1));
    expect(t.state).toMatchObject({ status: 'awaiting-assignment', technicianId: undefined, declinedBy: ['TECH-1'] });
    expect(t.events[0]).toEqual({
      type: 'repair.declined.v1',
      data: expect.objectContaining({ technicianId: 'TECH-1', reason: 'too far' }),
    });
  });

  it('ignores a redelivered assignment, a stale release and anything on a closed ticket', () => {
    const t = assigned();
    expect(t.assign('TECH-1', 'WO-1', at(1))).toBe(false);
    expect(t.release('TECH-9', 'reassigned', at(1))).toBe(false);
    t.cancel('customer changed mind', 'customer', 'C-1', at(2));
    expect(t.assign('TECH-2', 'WO-2', at(3))).toBe(false);
    expect(t.breachSla(at(100_000))).toBe(false);
    expect(() => t.accept(at(4))).toThrow(InvalidTransitionError);
  });

  it('breaches once: escalated, raised to urgent', () => {
    const t = assigned({ severity: 'low' });
    expect(t.breachSla(at(5 * 24 * 60 - 1))).toBe(false);
    expect(t.breachSla(at(5 * 24 * 60))).toBe(true);
    expect(t.state).toMatchObject({ slaBreached: true, escalated: true, priority: 'urgent', slaWatch: false });
    expect(t.breachSla(at(6 * 24 * 60))).toBe(false);
    expect(t.events.filter((e) => e.type === 'repair.sla-breached.v1')).toHaveLength(1);
  });

  it('records every step in the history', () => {
    const t = assigned();
    t.accept(at(1));
    expect(t.newHistory.map((h) => [h.action, h.status])).toEqual([
      ['assign', 'assigned'],
      ['accept', 'accepted'],
    ]);
  });
});
