import { LaneMember, laneOf, nextPlanSequence, planRound } from './delivery-order';

const now = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const member = (id: string, seq: number, over: Partial<LaneMember> = {}): LaneMember => ({
  _id: id,
  channel: 'email',
  openThread: 'C-1|corr-1',
  seq,
  status: 'pending',
  urgency: 'normal',
  dueAt: now,
  ...over,
});
const ids = (chains: LaneMember[][]) => chains.map((c) => c.map((n) => n._id));

describe('delivery order (one recipient, one lifecycle thread, one channel)', () => {
  it('numbers plans in strictly increasing order, even within one millisecond', () => {
    const a = nextPlanSequence(1_000);
    const b = nextPlanSequence(1_000);
    const c = nextPlanSequence(999);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });

  it('sends one lane in order as one chain, and other lanes beside it', () => {
    const second = member('second', 2);
    const first = member('first', 1);
    const otherThread = member('other-thread', 3, { openThread: 'C-1|corr-2' });
    const webhook = member('webhook', 2, { channel: 'webhook' });
    const legacy = member('legacy', 0, { openThread: undefined, seq: undefined });
    const plan = planRound(
      [second, otherThread, first, webhook, legacy],
      [second, first, otherThread, webhook],
      laneOf,
      now,
      500,
    );
    expect(ids(plan.chains)).toEqual(
      expect.arrayContaining([['first', 'second'], ['other-thread'], ['webhook'], ['legacy']]),
    );
    expect(plan.chains).toHaveLength(4);
    expect(plan.blocked).toEqual([]);
  });

  it('holds back what follows a notification that waits for a retry, until that retry', () => {
    const retrying = member('retrying', 1, { dueAt: at(2000) });
    const next = member('next', 2);
    const after = member('after', 3);
    const plan = planRound([next, after], [retrying, next, after], laneOf, now, 500);
    expect(plan.chains).toEqual([]);
    expect(plan.blocked).toEqual([
      { notification: next, until: at(2000) },
      { notification: after, until: at(2000) },
    ]);
  });

  it('looks again soon when the earlier one is being sent by another round, or is due but not in this batch', () => {
    const inFlight = member('in-flight', 1, { claim: 'round-x', dueAt: at(30_000) });
    const next = member('next', 2);
    expect(planRound([next], [inFlight, next], laneOf, now, 500).blocked).toEqual([
      { notification: next, until: at(500) },
    ]);
    const dueElsewhere = member('due', 1);
    expect(planRound([next], [dueElsewhere, next], laneOf, now, 500).blocked).toEqual([
      { notification: next, until: at(500) },
    ]);
  });

  it('does not wait for what was planned later, nor for what is closed already', () => {
    const later = member('later', 5, { dueAt: at(60_000) });
    const first = member('first', 1);
    expect(ids(planRound([first], [first, later], laneOf, now, 500).chains)).toEqual([['first']]);
  });

  it('lets an urgent notification pass one held back by quiet hours, but not a normal one', () => {
    const quiet = member('quiet', 1, { channel: 'sms', status: 'delayed', dueAt: at(6 * 3600_000) });
    const urgent = member('urgent', 2, { channel: 'sms', urgency: 'urgent' });
    const normal = member('normal', 3, { channel: 'sms' });
    const plan = planRound([urgent, normal], [quiet, urgent, normal], laneOf, now, 500);
    expect(ids(plan.chains)).toEqual([['urgent']]);
    expect(plan.blocked).toEqual([{ notification: normal, until: at(6 * 3600_000) }]);
  });

  it('keeps quiet-hours notifications in order when they come due together', () => {
    const a = member('a', 1, { channel: 'sms', status: 'delayed' });
    const b = member('b', 2, { channel: 'sms', status: 'delayed' });
    expect(ids(planRound([b, a], [a, b], laneOf, now, 500).chains)).toEqual([['a', 'b']]);
  });
});
