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

  describe('parts arrived', () => {
    const parts = [{ sku: 'P', name: 'p', quantity: 1 }];
    function waiting(pauseClock = true): RepairTicket {
      const t = assigned();
      t.accept(at(1));
      t.enRoute(at(30).toISOString(), at(2));
      t.start(at(30));
      t.awaitParts(parts, at(3000).toISOString(), pauseClock, at(60));
      return new RepairTicket(t.state);
    }

    it('goes back to scheduling with the paused time added to the due time, naming who ordered the parts', () => {
      const t = waiting();
      t.partsArrived({ via: 'warehouse', reference: 'GRN-1', arrivedAt: at(2000) }, 'warehouse', at(2010));
      // 24 h SLA + 1940 minutes paused (from 60 to the reported arrival at 2000)
      const due = new Date(t0.getTime() + 24 * 3600e3 + 1940 * 60e3).toISOString();
      expect(t.state).toMatchObject({
        status: 'awaiting-assignment',
        slaWatch: true,
        slaPausedMs: 1940 * 60e3,
        awaitedParts: true,
      });
      expect(t.state.slaDueAt.toISOString()).toBe(due);
      expect(t.state).not.toHaveProperty('technicianId', expect.anything());
      expect(t.state.awaitingParts).toBeUndefined();
      expect(t.events).toEqual([
        {
          type: 'repair.parts-arrived.v1',
          data: {
            ticketId: 'RT-CASE-1',
            applianceId: 'A-1',
            customerId: 'C-1',
            at: at(2010).toISOString(),
            arrivedVia: 'warehouse',
            parts,
            previousTechnicianId: 'TECH-1',
            requiredSkill: 'appliance-general',
            region: 'london',
            address: undefined,
            priority: 'high',
            durationMinutes: 90,
            slaDueAt: due,
            slaResumed: true,
          },
        },
      ]);
      expect(t.newHistory).toEqual([
        expect.objectContaining({ action: 'parts-arrived', by: 'warehouse', technicianId: 'TECH-1' }),
      ]);
    });

    it('then runs the return visit as any booking and is no first-time fix', () => {
      const t = waiting();
      t.partsArrived({ via: 'api', parts: [{ sku: 'Q', name: 'q', quantity: 2 }] }, 'dispatcher-1', at(100));
      expect(t.events[0].data).toMatchObject({ parts: [{ sku: 'Q' }], arrivedVia: 'api', slaResumed: true });
      t.assign('TECH-2', 'WO-2', at(101));
      t.accept(at(102));
      t.enRoute(at(130).toISOString(), at(103));
      t.start(at(130));
      t.complete({ workDone: 'd', partsUsed: parts, labourMinutes: 30, signedOffBy: 'A' }, at(160));
      expect(t.state).toMatchObject({ status: 'completed', firstTimeFix: false, technicianIds: ['TECH-1', 'TECH-2'] });
    });

    it('says the clock was not resumed when it did not stand still', () => {
      const t = waiting(false);
      const due = t.state.slaDueAt.toISOString();
      t.partsArrived({ via: 'api' }, 'dispatcher-1', at(100));
      expect(t.events[0].data).toMatchObject({ slaResumed: false, slaDueAt: due, parts });
    });

    it('refuses a ticket that does not wait for parts, with its state', () => {
      const t = assigned();
      expect(() => t.partsArrived({ via: 'api' }, 'dispatcher-1', at(1))).toThrow(InvalidTransitionError);
      expect(t.events).toEqual([]);
    });
  });

  describe('SLA warning', () => {
    // high: 24 h allowed, warned at 75 % = 18 h
    it('warns once when the running clock has used the warning share, with the region', () => {
      const t = assigned();
      expect(t.warnSla(at(18 * 60 - 1), 0.75)).toBe(false);
      expect(t.warnSla(at(18 * 60), 0.75)).toBe(true);
      expect(t.warnSla(at(20 * 60), 0.75)).toBe(false);
      expect(t.state).toMatchObject({ slaAtRisk: true, atRiskAt: at(18 * 60), slaWatch: true, priority: 'high' });
      expect(t.events).toEqual([
        {
          type: 'repair.sla-at-risk.v1',
          data: {
            ticketId: 'RT-CASE-1',
            applianceId: 'A-1',
            customerId: 'C-1',
            slaDueAt: '2027-03-02T10:00:00.000Z',
            atRiskAt: at(18 * 60).toISOString(),
            elapsedShare: 0.75,
            priority: 'high',
            region: 'london',
            technicianId: 'TECH-1',
          },
        },
      ]);
      // the breach still comes, and names the region too
      expect(t.breachSla(at(24 * 60))).toBe(true);
      expect(t.events[1].data).toMatchObject({ region: 'london', priority: 'urgent' });
    });

    it('does not count the time spent waiting for parts', () => {
      const t = assigned();
      t.accept(at(1));
      t.enRoute(at(2).toISOString(), at(2));
      t.start(at(3));
      t.awaitParts([{ sku: 'P', name: 'p', quantity: 1 }], at(600).toISOString(), true, at(60));
      expect(t.warnSla(at(30 * 60), 0.75)).toBe(false);
      t.partsArrived({ via: 'api' }, 'd', at(10 * 60 + 60));
      // 10 h paused: 18 h used at 28 h after opening
      expect(t.warnSla(at(28 * 60 - 1), 0.75)).toBe(false);
      expect(t.warnSla(at(28 * 60), 0.75)).toBe(true);
    });

    it('leaves a due, closed or breached ticket to the breach', () => {
      const t = assigned();
      expect(t.warnSla(at(24 * 60), 0.75)).toBe(false);
      t.breachSla(at(24 * 60));
      expect(t.warnSla(at(24 * 60), 0.75)).toBe(false);
      const closed = assigned();
      closed.cancel('x', 'dispatcher', 'd', at(1));
      expect(closed.warnSla(at(20 * 60), 0.75)).toBe(false);
    });
  });
});
