import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { ClaimSweeper } from '../src/serials/claim.sweeper';
import {
  api,
  branchOf,
  DAY_MS,
  dayOf,
  eventsOf,
  libraryTechnician,
  libraryTopic,
  subscriptionBody,
  uid,
  waitForEventsOf,
} from './serials.fixtures';

/** The sweeper's "now" and the views' "today" are the test's clock; the timer is far away. */
let clock = new Date();
const start = (env: TestEnv) =>
  startTestService(
    'library-services',
    (c) => AppModule.register(c, { claimSweepMs: 3_600_000, clock: () => clock }),
    env,
  );

describe('library-services serials: claims of missing issues by a restart-safe sweeper, and the late list', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const branch = branchOf('claims');
  const sweeperOf = (service: RunningService) => service.app.get(ClaimSweeper);

  beforeAll(async () => {
    env = isolateTestEnv('library-claims');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([libraryTopic()]);
    svc = await start(env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('claims an issue missing after expected + grace once (across a restart, and with two sweepers racing), again after another grace, and a late check-in was claimed', async () => {
    const id = uid('SUB');
    const first = Date.parse(`${dayOf(Date.now() - 60 * DAY_MS)}T00:00:00Z`);
    const firstExpectedOn = dayOf(first);
    clock = new Date(first - DAY_MS);
    await api(svc).start(subscriptionBody(id, branch, { firstExpectedOn, graceDays: 5, frequency: 'quarterly' }));

    // within the grace: nothing is claimed, the issue is late on the list
    clock = new Date(first + 5 * DAY_MS + 3_600_000);
    await sweeperOf(svc).sweep(clock);
    const within = await api(svc).late(branch);
    expect(within.body.issues).toMatchObject([
      { subscriptionId: id, volume: 1, number: 1, status: 'late', claimCount: 0 },
    ]);

    // the day after expected + grace: two replicas race, one claim
    clock = new Date(first + 6 * DAY_MS + 3_600_000);
    const second = await start(env);
    try {
      await Promise.all([sweeperOf(svc).sweep(clock), sweeperOf(second).sweep(clock)]);
      await Promise.all([sweeperOf(svc).sweep(clock), sweeperOf(second).sweep(clock)]);
    } finally {
      await second.close();
    }
    const [claimed] = await waitForEventsOf(probe, id, 'library.serial.claimed.v1');
    expect(claimed.data).toMatchObject({
      subscriptionId: id,
      branch,
      volume: 1,
      number: 1,
      expectedOn: firstExpectedOn,
      claimCount: 1,
      vendor: { vendorId: 'V-EBSCO', email: 'claims@ebsco.example' },
      claimedAt: clock.toISOString(),
    });

    // a restart: a new instance on the same store finds the issue claimed, and claims nothing before another grace
    await svc.close();
    svc = await start(env);
    clock = new Date(first + 10 * DAY_MS);
    expect(await sweeperOf(svc).sweep(clock)).toBe(0);

    clock = new Date(first + 11 * DAY_MS + 3_600_000);
    expect(await sweeperOf(svc).sweep(clock)).toBe(1);
    const claims = await waitForEventsOf(probe, id, 'library.serial.claimed.v1', 2);
    expect(claims.map((e) => (e.data as { claimCount: number }).claimCount)).toEqual([1, 2]);
    const late = await api(svc).late(branch, await libraryTechnician('LT-late'));
    expect(late.status).toBe(200);
    expect(late.body.issues).toEqual([
      expect.objectContaining({
        subscriptionId: id,
        volume: 1,
        number: 1,
        expectedOn: firstExpectedOn,
        status: 'claimed',
        claimCount: 2,
        vendor: expect.objectContaining({ name: 'EBSCO' }),
      }),
    ]);

    // it arrives: received after a claim, off the late list, and claimed no more
    const tech = await libraryTechnician('LT-9');
    const arrived = await api(svc).checkIn(id, 1, 1, tech, { receivedOn: dayOf(clock.getTime()) });
    expect(arrived.body).toMatchObject({ wasClaimed: true, issue: { claimCount: 2, status: 'received' } });
    const [received] = await waitForEventsOf(probe, id, 'library.serial.issue-received.v1');
    expect(received.data).toMatchObject({ volume: 1, number: 1, wasClaimed: true, checkedInBy: 'LT-9' });
    expect((await api(svc).late(branch)).body.issues).toEqual([]);
    clock = new Date(first + 30 * DAY_MS);
    expect(await sweeperOf(svc).sweep(clock)).toBe(0);
    expect(eventsOf(probe, id, 'library.serial.claimed.v1')).toHaveLength(2);
  });

  it('lists late issues oldest expected first across subscriptions, with vendor and claim count, only of the branch asked', async () => {
    const [older, newer] = [uid('SUB-OLD'), uid('SUB-NEW')];
    const base = Date.parse(`${dayOf(Date.now() - 40 * DAY_MS)}T00:00:00Z`);
    clock = new Date(base + 20 * DAY_MS);
    const lateBranch = branchOf('late');
    await api(svc).start(
      subscriptionBody(newer, lateBranch, { firstExpectedOn: dayOf(base + 2 * DAY_MS), frequency: 'annual' }),
    );
    await api(svc).start(subscriptionBody(older, lateBranch, { firstExpectedOn: dayOf(base), frequency: 'annual' }));
    await api(svc).start(subscriptionBody(uid('SUB-ELSEWHERE'), branchOf('other'), { firstExpectedOn: dayOf(base) }));
    await sweeperOf(svc).sweep(clock);
    const res = await api(svc).late(lateBranch);
    expect(res.body.issues.map((i: { subscriptionId: string }) => i.subscriptionId)).toEqual([older, newer]);
    expect(res.body.issues[0]).toMatchObject({ status: 'claimed', claimCount: 1, graceDays: 5 });
  });
});
