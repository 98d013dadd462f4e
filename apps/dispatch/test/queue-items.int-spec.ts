import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  dayAhead,
  installationRequested,
  libraryTaskClosed,
  libraryTaskRequested,
  libraryTechnicianBody,
  technicianBody,
} from './dispatch-fixtures';

type TaskData = { taskId: string; technicianId?: string; reason: string; availableFrom?: string };

/** Issue 21: library technicians in the roster, and library tasks reaching them as queue items. */
describe('queue items for library technicians, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  let librarian: string;
  const library = () => physicalTopic(Topics.libraryServices);
  const ofTask = (taskId: string) => (e: EventEnvelope) => (e.data as TaskData).taskId === taskId;
  const first = async (type: string, taskId: string) =>
    (await probe.waitForEvents(type, 1, 30_000, ofTask(taskId)))[0].data as TaskData;
  /** the relay publishes at least once: each event id counts once */
  const distinct = (type: string, taskId: string) =>
    new Set(
      probe
        .events(type)
        .filter(ofTask(taskId))
        .map((e) => e.id),
    ).size;
  const item = (taskId: string, token = librarian) => http('GET', `${svc.url}/api/v1/queue-items/${taskId}`, { token });
  const until = (taskId: string, status: string) =>
    waitFor(async () => ((await item(taskId)).body.status === status ? (await item(taskId)).body : undefined), {
      what: `queue item ${taskId} ${status}`,
    });

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-queue-items');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher');
    librarian = await tokenFor('librarian');
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  async function register(id: string, branch: string, skills: string[], over: Record<string, unknown> = {}) {
    const body = libraryTechnicianBody(id, branch, skills, over);
    const res = await http('POST', `${svc.url}/api/v1/technicians`, { token: dispatcher, body });
    expect(res.status).toBe(201);
    return res.body;
  }
  const request = (taskId: string, branch: string, over: Record<string, unknown> = {}) =>
    probe.publish(library(), libraryTaskRequested(taskId, branch, over));

  it('registers a library technician with a branch (the home region defaults to it), told in the roster event', async () => {
    const body = await register('LT-NORTH-1', 'north', ['cataloguing', 'serials']);
    expect(body).toMatchObject({ technicianId: 'LT-NORTH-1', branch: 'north', homeRegion: 'north' });
    const [registered] = await probe.waitForEvents(
      'technician.registered.v1',
      1,
      30_000,
      (e) => e.subject === 'LT-NORTH-1',
    );
    expect(registered.data).toMatchObject({ branch: 'north', skills: ['cataloguing', 'serials'] });
    const bad = await http('POST', `${svc.url}/api/v1/technicians`, {
      token: dispatcher,
      body: { ...libraryTechnicianBody('LT-BAD', 'North Branch', ['cataloguing']) },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('branch');
  });

  it('assigns a task to the technician at its branch with its skill, working now, and says why', async () => {
    await register('LT-EAST-1', 'east', ['cataloguing']);
    await register('LT-EAST-REPAIR', 'east', ['book-repair']);
    await register('LT-WEST-1', 'west', ['cataloguing']);
    const before = Date.now();
    await request('TASK-E-1', 'east');
    const assigned = await first('queue-item.assigned.v1', 'TASK-E-1');
    expect(assigned).toMatchObject({
      technicianId: 'LT-EAST-1',
      reason: 'least load at branch east: 0 open queue items (1 with skill cataloguing working), working now',
    });
    expect(Date.parse(assigned.availableFrom as string)).toBeGreaterThanOrEqual(before - 1000);
    const stored = await until('TASK-E-1', 'assigned');
    expect(stored).toMatchObject({ technicianId: 'LT-EAST-1', branch: 'east', kind: 'copy-cataloguing' });
  });

  it('spreads tasks over the branch by load; a closed item drops its technician’s load', async () => {
    await register('LT-SOUTH-1', 'south', ['cataloguing']);
    await register('LT-SOUTH-2', 'south', ['cataloguing']);
    await request('TASK-S-1', 'south');
    const one = (await first('queue-item.assigned.v1', 'TASK-S-1')).technicianId;
    await request('TASK-S-2', 'south');
    const two = (await first('queue-item.assigned.v1', 'TASK-S-2')).technicianId;
    expect([one, two].sort()).toEqual(['LT-SOUTH-1', 'LT-SOUTH-2']);

    // the first one's item is done: their load drops to 0, the other's stays 1
    await probe.publish(library(), libraryTaskClosed('TASK-S-1', 'south', { technicianId: one }));
    expect(await until('TASK-S-1', 'closed')).toMatchObject({ outcome: 'completed', technicianId: one });
    await request('TASK-S-3', 'south');
    expect(await first('queue-item.assigned.v1', 'TASK-S-3')).toMatchObject({
      technicianId: one,
      reason: expect.stringContaining('0 open queue items (2 with skill cataloguing working)'),
    });
  });

  it('spreads a burst of tasks published at once evenly over the branch (decisions of a branch take turns)', async () => {
    await register('LT-BURST-1', 'burst', ['cataloguing']);
    await register('LT-BURST-2', 'burst', ['cataloguing']);
    const ids = Array.from({ length: 6 }, (_, i) => `TASK-B-${i + 1}`);
    await Promise.all(ids.map((id) => request(id, 'burst')));
    const holders = await Promise.all(ids.map(async (id) => (await first('queue-item.assigned.v1', id)).technicianId));
    const perTechnician = holders.reduce<Record<string, number>>(
      (counts, id) => ({ ...counts, [id as string]: (counts[id as string] ?? 0) + 1 }),
      {},
    );
    expect(perTechnician).toEqual({ 'LT-BURST-1': 3, 'LT-BURST-2': 3 });
  });

  it('lets a task wait (unassignable, with why) and assigns it when a qualified technician registers there', async () => {
    await request('TASK-H-1', 'harbour', { kind: 'item-repair', skill: 'book-repair' });
    expect(await first('queue-item.unassignable.v1', 'TASK-H-1')).toMatchObject({
      reason: 'no library technician works at branch harbour',
    });
    // someone at the branch without the skill changes the reason; nobody at the branch with it does
    await register('LT-HARB-CAT', 'harbour', ['cataloguing']);
    await waitFor(async () => (await item('TASK-H-1')).body.reason?.includes('has skill book-repair'), {
      what: 'the new reason',
    });
    // the repairer is away until tomorrow noon: assigned now, available when the time off ends
    const back = `${dayAhead(1)}T12:00:00.000Z`;
    await register('LT-HARB-FIX', 'harbour', ['book-repair'], {
      timeOff: [{ from: new Date(Date.now() - 3_600_000).toISOString(), to: back, reason: 'training' }],
    });
    expect(await first('queue-item.assigned.v1', 'TASK-H-1')).toMatchObject({
      technicianId: 'LT-HARB-FIX',
      availableFrom: back,
      reason: expect.stringContaining(`available from ${back.slice(0, 16)}Z`),
    });
    expect((await until('TASK-H-1', 'assigned')).history.map((h: { action: string }) => h.action)).toEqual([
      'requested',
      'unassignable',
      'unassignable',
      'assigned',
    ]);
  });

  it('moves items off a deactivated technician to the next one, and lets them wait when nobody is left', async () => {
    await register('LT-DOCK-1', 'dock', ['cataloguing']);
    await request('TASK-D-1', 'dock');
    expect(await first('queue-item.assigned.v1', 'TASK-D-1')).toMatchObject({ technicianId: 'LT-DOCK-1' });
    await register('LT-DOCK-2', 'dock', ['cataloguing']);
    const off = (id: string) =>
      http('PATCH', `${svc.url}/api/v1/technicians/${id}`, { token: dispatcher, body: { active: false } });
    expect((await off('LT-DOCK-1')).status).toBe(200);
    const moved = await waitFor(
      () =>
        probe
          .events('queue-item.assigned.v1')
          .find((e) => ofTask('TASK-D-1')(e) && (e.data as TaskData).technicianId === 'LT-DOCK-2'),
      { what: 'the item moved to LT-DOCK-2' },
    );
    expect(moved.data).toMatchObject({ reason: expect.stringContaining('least load at branch dock') });
    expect((await off('LT-DOCK-2')).status).toBe(200);
    expect(await first('queue-item.unassignable.v1', 'TASK-D-1')).toMatchObject({
      reason: 'all 2 library technicians at branch dock are inactive',
    });
    const waiting = await until('TASK-D-1', 'waiting');
    expect(waiting.technicianId).toBeUndefined();
    expect(waiting.history.at(-1).reason).toBe(
      'LT-DOCK-2 can no longer take it (inactive): all 2 library technicians at branch dock are inactive',
    );
  });

  it('assigns a redelivered or re-sent request once; a close before its request keeps it closed', async () => {
    await register('LT-MILL-1', 'mill', ['cataloguing']);
    const requested = libraryTaskRequested('TASK-M-1', 'mill');
    await probe.publish(library(), requested);
    await first('queue-item.assigned.v1', 'TASK-M-1');
    await probe.publish(library(), { ...requested }); // redelivered
    await request('TASK-M-1', 'mill'); // sent again as a new event
    // a close on the same partition (same task) is handled after them
    await probe.publish(library(), libraryTaskClosed('TASK-M-1', 'mill', { outcome: 'cancelled' }));
    await until('TASK-M-1', 'closed');
    expect(distinct('queue-item.assigned.v1', 'TASK-M-1')).toBe(1);

    await probe.publish(library(), libraryTaskClosed('TASK-M-2', 'mill', { outcome: 'cancelled' }));
    await until('TASK-M-2', 'closed');
    await request('TASK-M-2', 'mill');
    const late = await waitFor(
      async () => {
        const body = (await item('TASK-M-2')).body;
        return body.history.length === 2 ? body : undefined;
      },
      { what: 'the late request recorded' },
    );
    expect(late).toMatchObject({ status: 'closed', outcome: 'cancelled', requestedAt: expect.any(String) });
    expect(late.history[1]).toMatchObject({ action: 'requested', reason: 'after it was closed: not offered' });
    expect(late.technicianId).toBeUndefined();
  });

  it('never gives appliance work to a library technician, automatically or by hand', async () => {
    await register('LT-WICK-1', 'wick', ['gas-safe', 'appliance-general'], {
      homeRegion: 'wick',
      licences: [{ skill: 'gas-safe', validUntil: '2099-12-31' }],
    });
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested('INST-LIB-1', { region: 'wick' }),
    );
    const [waiting] = await probe.waitForEvents(
      'work-order.unassignable.v1',
      1,
      30_000,
      (e) => (e.data as { sourceId: string }).sourceId === 'INST-LIB-1',
    );
    expect((waiting.data as { reason: string }).reason).toBe('no technician covers region wick');
    const { workOrderId } = waiting.data as { workOrderId: string };
    const placed = await http('POST', `${svc.url}/api/v1/work-orders/${workOrderId}/assign`, {
      token: dispatcher,
      body: { technicianId: 'LT-WICK-1', start: `${dayAhead(10)}T09:00:00Z`, overrideReason: 'short-staffed' },
    });
    expect(placed.status).toBe(422);
    expect(placed.body.detail).toContain('works at library branch wick on queue items only');
    // and an appliance technician never gets a queue item
    await http('POST', `${svc.url}/api/v1/technicians`, {
      token: dispatcher,
      body: technicianBody('T-WICK-APPLIANCE', { homeRegion: 'wick', skills: ['cataloguing'], licences: [] }),
    });
    await request('TASK-W-1', 'wick', { skill: 'cataloguing' });
    expect(await first('queue-item.unassignable.v1', 'TASK-W-1')).toMatchObject({
      reason: 'no active library technician at branch wick has skill cataloguing',
    });
  });

  it('shows librarians every queue item and a library technician only their own', async () => {
    await register('LT-QUAY-1', 'quay', ['cataloguing']);
    await register('LT-QUAY-2', 'quay', ['cataloguing']);
    await request('TASK-Q-1', 'quay');
    const holder = (await first('queue-item.assigned.v1', 'TASK-Q-1')).technicianId as string;
    const other = holder === 'LT-QUAY-1' ? 'LT-QUAY-2' : 'LT-QUAY-1';
    const own = await tokenFor('library-technician', { technicianId: holder });
    const notOwn = await tokenFor('library-technician', { technicianId: other });
    const list = (query: string, token: string) => http('GET', `${svc.url}/api/v1/queue-items${query}`, { token });

    const all = await list('?branch=quay', librarian);
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { taskId: string }) => i.taskId)).toEqual(['TASK-Q-1']);
    expect((await list('?status=assigned&branch=quay', own)).body.items).toHaveLength(1);
    expect((await list('?branch=quay', notOwn)).body.items).toEqual([]);
    expect((await list(`?technicianId=${holder}`, notOwn)).status).toBe(403);
    expect((await item('TASK-Q-1', own)).status).toBe(200);
    expect((await item('TASK-Q-1', notOwn)).status).toBe(404);
    expect((await item('TASK-NOPE', librarian)).status).toBe(404);
    expect((await list('', dispatcher)).status).toBe(403);
    expect((await list('', await tokenFor('patron'))).status).toBe(403);
    const bad = await list('?status=lost', librarian);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('status');
  });
});
