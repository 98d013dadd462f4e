import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  api,
  branchOf,
  eventsOf,
  librarian,
  libraryTechnician,
  libraryTopic,
  patron,
  subscriptionBody,
  uid,
  waitForEventsOf,
} from './serials.fixtures';

describe('library-services serials: subscriptions, check-in and volumes through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const branch = branchOf('subs');

  beforeAll(async () => {
    env = isolateTestEnv('library-serials');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([libraryTopic()]);
    // the sweeper runs only when a test says: its timer is far away
    svc = await startTestService('library-services', (c) => AppModule.register(c, { claimSweepMs: 3_600_000 }), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  it('starts a subscription once (library.subscription.started.v1); the same terms again answer it, other terms 409', async () => {
    const id = uid('SUB');
    const body = subscriptionBody(id, branch);
    const first = await api(svc).start(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ subscriptionId: id, started: true, completedVolumes: [] });
    expect(first.body.issues.slice(0, 3)).toEqual([
      { volume: 1, number: 1, expectedOn: '2026-01-15', status: 'late', claimCount: 0 },
      { volume: 1, number: 2, expectedOn: '2026-02-15', status: 'late', claimCount: 0 },
      { volume: 1, number: 3, expectedOn: '2026-03-15', status: 'late', claimCount: 0 },
    ]);
    const [started] = await waitForEventsOf(probe, id, 'library.subscription.started.v1');
    expect(started.data).toMatchObject({ subscriptionId: id, branch, issn: '0028-0836', pattern: body.pattern });
    expect(started.subject).toBe(id);

    const again = await api(svc).start(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ subscriptionId: id, started: false });
    const other = await api(svc).start({ ...body, title: 'Another title' });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    // a later subscription's event comes after any duplicate of the first on the topic
    const later = uid('SUB');
    await api(svc).start(subscriptionBody(later, branch));
    await waitForEventsOf(probe, later, 'library.subscription.started.v1');
    expect(eventsOf(probe, id, 'library.subscription.started.v1')).toHaveLength(1);
    const list = await http('GET', `${svc.url}/api/v1/subscriptions?branch=${branch}`, {
      token: await libraryTechnician('LT-list'),
    });
    expect(list.body.subscriptions.map((s: { subscriptionId: string }) => s.subscriptionId).sort()).toEqual(
      [id, later].sort(),
    );
  });

  it('refuses bad input with 400 naming the field', async () => {
    const body = subscriptionBody(uid('SUB'), branch);
    const cases: [unknown, string][] = [
      [{ ...body, pattern: { ...body.pattern, frequency: 'daily' } }, 'pattern.frequency'],
      [{ ...body, pattern: { ...body.pattern, firstExpectedOn: '2026-02-30' } }, 'pattern.firstExpectedOn'],
      [{ ...body, branch: 'Central Library' }, 'branch'],
      [{ ...body, vendor: { ...body.vendor, email: 'not-an-email' } }, 'vendor.email'],
      [{ ...body, issn: '12345678' }, 'issn'],
      [{ ...body, title: undefined }, 'title'],
    ];
    for (const [bad, field] of cases) {
      const res = await api(svc).start(bad);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const tech = await libraryTechnician('LT-bad');
    const started = await api(svc).start(body);
    expect(started.status).toBe(201);
    const badVolume = await api(svc).checkIn(body.subscriptionId, 0, 1, tech);
    expect(badVolume.status).toBe(400);
    expect(JSON.stringify(badVolume.body)).toContain('volume');
    const future = await api(svc).checkIn(body.subscriptionId, 1, 1, tech, { receivedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('receivedOn');
  });

  it('checks issues in (library.serial.issue-received.v1 by the technician); a second check-in is 409, an issue the pattern does not predict 404', async () => {
    const id = uid('SUB');
    await api(svc).start(subscriptionBody(id, branch));
    const tech = await libraryTechnician('LT-42');
    const res = await api(svc).checkIn(id, 1, 2, tech, { receivedOn: '2026-02-17' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      subscriptionId: id,
      wasClaimed: false,
      issue: { volume: 1, number: 2, status: 'received', receivedOn: '2026-02-17', checkedInBy: 'LT-42' },
    });
    const [received] = await waitForEventsOf(probe, id, 'library.serial.issue-received.v1');
    expect(received.data).toMatchObject({
      subscriptionId: id,
      branch,
      volume: 1,
      number: 2,
      expectedOn: '2026-02-15',
      receivedOn: '2026-02-17',
      checkedInBy: 'LT-42',
      wasClaimed: false,
    });

    const twice = await api(svc).checkIn(id, 1, 2, tech);
    expect(twice.status).toBe(409);
    expect(twice.body.detail ?? twice.body.title).toContain('received');
    const unpredicted = await api(svc).checkIn(id, 1, 4, tech);
    expect(unpredicted.status).toBe(404);
    expect(JSON.stringify(unpredicted.body)).toContain('volume 1 number 4');
    expect((await api(svc).checkIn(uid('SUB-NONE'), 1, 1, tech)).status).toBe(404);
    const view = await api(svc).one(id, tech);
    expect(view.body.issues[1]).toMatchObject({ number: 2, status: 'received', checkedInBy: 'LT-42' });
  });

  it('completes a volume with its last issue, in any order: library.serial.volume-completed.v1 once, naming the bindable unit', async () => {
    const id = uid('SUB');
    await api(svc).start(subscriptionBody(id, branch));
    const librarianToken = await librarian();
    for (const number of [3, 1]) expect((await api(svc).checkIn(id, 1, number, librarianToken)).status).toBe(200);
    const last = await api(svc).checkIn(id, 1, 2, await libraryTechnician('LT-7'));
    expect(last.body).toMatchObject({ completedVolume: 1 });
    const [completed] = await waitForEventsOf(probe, id, 'library.serial.volume-completed.v1');
    expect(completed.data).toMatchObject({ subscriptionId: id, branch, volume: 1, itemId: `VOL-${id}-1` });
    // the first issue of the next volume: written after the completion, on the same key
    await api(svc).checkIn(id, 2, 1, librarianToken);
    await waitForEventsOf(probe, id, 'library.serial.issue-received.v1', 4);
    expect(eventsOf(probe, id, 'library.serial.volume-completed.v1')).toHaveLength(1);
    expect((await api(svc).one(id)).body).toMatchObject({ completedVolumes: [1] });
  });

  it('under racing check-ins: one of two for the same issue wins (the other 409), and a volume completes once', async () => {
    const id = uid('SUB');
    await api(svc).start(subscriptionBody(id, branch));
    const [a, b] = [await libraryTechnician('LT-a'), await libraryTechnician('LT-b')];
    const same = await Promise.all([api(svc).checkIn(id, 1, 1, a), api(svc).checkIn(id, 1, 1, b)]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);
    const rest = await Promise.all([api(svc).checkIn(id, 1, 2, a), api(svc).checkIn(id, 1, 3, b)]);
    expect(rest.map((r) => r.status)).toEqual([200, 200]);
    expect(rest.filter((r) => r.body.completedVolume === 1)).toHaveLength(1);
    await waitForEventsOf(probe, id, 'library.serial.volume-completed.v1');
    // a later fact of the subscription: any duplicate of the completion is on the topic before it
    await api(svc).checkIn(id, 2, 1, a);
    await waitForEventsOf(probe, id, 'library.serial.issue-received.v1', 4);
    expect(eventsOf(probe, id, 'library.serial.issue-received.v1')).toHaveLength(4);
    expect(eventsOf(probe, id, 'library.serial.volume-completed.v1')).toHaveLength(1);
  });

  it('answers 403 to appliance roles and patrons, 401 without a token', async () => {
    const id = uid('SUB');
    await api(svc).start(subscriptionBody(id, branch));
    const outsiders = [
      await tokenFor('customer', { customerId: 'C-1' }),
      await tokenFor('technician', { technicianId: 'T-1' }),
      await tokenFor('dispatcher'),
      await tokenFor('sales-system'),
      await patron(),
    ];
    for (const token of outsiders) {
      expect((await api(svc).start(subscriptionBody(uid('SUB'), branch), token)).status).toBe(403);
      expect((await api(svc).one(id, token)).status).toBe(403);
      expect((await http('GET', `${svc.url}/api/v1/subscriptions`, { token })).status).toBe(403);
      expect((await api(svc).checkIn(id, 1, 1, token)).status).toBe(403);
      expect((await api(svc).late(branch, token)).status).toBe(403);
    }
    // a library technician checks in but does not start subscriptions
    expect((await api(svc).start(subscriptionBody(uid('SUB'), branch), await libraryTechnician('LT-1'))).status).toBe(
      403,
    );
    expect((await http('GET', `${svc.url}/api/v1/serials/late`)).status).toBe(401);
    expect((await api(svc).start(subscriptionBody(uid('SUB'), branch), await tokenFor('admin'))).status).toBe(201);
  });
});
