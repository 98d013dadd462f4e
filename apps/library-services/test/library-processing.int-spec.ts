import { dlqTopic, LibraryTaskRequested } from '@appliance-care/contracts';
import { RunningService, startTestService } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  assignNext,
  barcode,
  forItem,
  get,
  itemReceived,
  librarian,
  libraryTechnician,
  patron,
  post,
  record,
  topics,
  uid,
  waitForStatus,
} from './library.fixtures';

describe('library-services: receipt, cataloguing, processing and holds through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const tech = uid('LT');

  beforeAll(async () => {
    env = isolateTestEnv('library-processing');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.library(), dlqTopic(topics.acquisitions())]);
    svc = await startTestService('library-services', (c) => AppModule.register(c), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  const count = (type: string, itemId: string) => probe.events(type).filter(forItem(itemId)).length;

  it('registers an item acquisitions received (Kafka) once and requests its copy cataloguing; a redelivery registers nothing twice, the same id with another barcode is dead-lettered', async () => {
    const received = itemReceived();
    const { itemId } = received.data;
    await probe.publish(topics.acquisitions(), received);
    const [registered] = await probe.waitForEvents('library.item.registered.v1', 1, 30_000, forItem(itemId));
    expect(registered.data).toMatchObject({
      itemId,
      status: 'cataloguing',
      source: 'acquisitions',
      cataloguing: 'copy',
    });
    const [task] = await probe.waitForEvents('library.task.requested.v1', 1, 30_000, forItem(itemId));
    expect(task.data).toMatchObject({ kind: 'copy-cataloguing', skill: 'cataloguing', branch: 'central', itemId });
    expect(registered.subject ?? itemId).toBe(itemId);

    // the same event again, then the same item id with another barcode (same key: handled after it)
    await probe.publish(topics.acquisitions(), received);
    await probe.publish(topics.acquisitions(), itemReceived({ itemId, barcode: barcode() }));
    await probe.waitForMessages(dlqTopic(topics.acquisitions()), 1);
    expect(count('library.item.registered.v1', itemId)).toBe(1);
    expect(count('library.task.requested.v1', itemId)).toBe(1);
  });

  it('copy cataloguing by the assigned technician, then processing: shelf-ready with the hold placed meanwhile; another technician is refused', async () => {
    const received = itemReceived();
    const { itemId } = received.data;
    await probe.publish(topics.acquisitions(), received);
    const first = await assignNext(svc, probe, itemId, 'copy-cataloguing', tech);

    // a patron holds it while it is in processing; once per patron
    const hold = await post(svc, `items/${itemId}/holds`, await patron('P-1'), {
      name: 'Ada',
      email: 'ada@example.org',
    });
    expect(hold.status).toBe(201);
    const again = await post(svc, `items/${itemId}/holds`, await patron('P-1'), {
      name: 'Ada',
      email: 'ada@example.org',
    });
    expect(again.status).toBe(200);
    expect(again.body.holdId).toBe(hold.body.holdId);

    const stranger = await post(svc, `items/${itemId}/cataloguing`, await libraryTechnician('LT-other'), { record });
    expect(stranger.status).toBe(404);
    expect(stranger.body.currentState).toBeUndefined();
    const done = await post(svc, `items/${itemId}/cataloguing`, await libraryTechnician(tech), { record });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'processing', record: { callNumber: record.callNumber } });
    const [completed] = await probe.waitForEvents('library.cataloguing.completed.v1', 1, 30_000, forItem(itemId));
    expect(completed.data).toMatchObject({ kind: 'copy', technicianId: tech, status: 'processing' });
    const [closed] = await probe.waitForEvents('library.task.closed.v1', 1, 30_000, forItem(itemId));
    expect(closed.data).toMatchObject({ taskId: first.taskId, outcome: 'completed', technicianId: tech });

    // the cataloguer no longer holds the open task (processing is not assigned yet): refused, 403
    expect((await post(svc, `items/${itemId}/processing/complete`, await libraryTechnician(tech))).status).toBe(403);
    await assignNext(svc, probe, itemId, 'physical-processing', tech);
    const queue = await get(svc, `tasks?technicianId=${tech}&open=true`, await libraryTechnician(tech));
    expect(queue.body.items.map((t: LibraryTaskRequested) => t.kind)).toContain('physical-processing');
    expect((await get(svc, `tasks?technicianId=LT-other`, await libraryTechnician(tech))).status).toBe(403);

    const shelved = await post(svc, `items/${itemId}/processing/complete`, await libraryTechnician(tech));
    expect(shelved.status).toBe(200);
    expect(shelved.body.status).toBe('available');
    const [ready] = await probe.waitForEvents('library.item.shelf-ready.v1', 1, 30_000, forItem(itemId));
    expect(ready.data).toMatchObject({
      callNumber: record.callNumber,
      holdIds: [hold.body.holdId],
      technicianId: tech,
    });
    await probe.waitForEvents('library.task.closed.v1', 2, 30_000, forItem(itemId));
    expect(count('library.hold.placed.v1', itemId)).toBe(1);

    const late = await post(svc, `items/${itemId}/holds`, await patron('P-2'), { name: 'Bo', email: 'bo@example.org' });
    expect(late.status).toBe(409);
    expect(late.body.currentState).toBe('available');
    const mine = await get(svc, 'holds', await patron('P-1'));
    expect(mine.body.items).toEqual([expect.objectContaining({ itemId, itemStatus: 'available' })]);
    expect((await get(svc, 'holds?patronId=P-2', await patron('P-1'))).status).toBe(403);
  });

  it('original cataloguing by REST: submitted for approval, returned with a reason (a new task), resubmitted, approved', async () => {
    const token = await librarian();
    const itemId = uid('ORIG');
    const body = {
      itemId,
      barcode: barcode(),
      title: 'Local history',
      format: 'map',
      branch: 'riverside',
      cataloguing: 'original',
    };
    const created = await post(svc, 'items', token, body);
    expect(created.status).toBe(201);
    expect((await post(svc, 'items', token, body)).status).toBe(200);
    const [registered] = await probe.waitForEvents('library.item.registered.v1', 1, 30_000, forItem(itemId));
    expect(registered.data).toMatchObject({ source: 'staff', cataloguing: 'original' });
    await assignNext(svc, probe, itemId, 'original-cataloguing', tech);

    const submitted = await post(svc, `items/${itemId}/cataloguing`, await libraryTechnician(tech), { record });
    expect(submitted.body.status).toBe('awaiting-approval');
    await probe.waitForEvents('library.cataloguing.submitted.v1', 1, 30_000, forItem(itemId));
    expect((await post(svc, `items/${itemId}/cataloguing/approve`, await libraryTechnician(tech))).status).toBe(403);

    const returned = await post(svc, `items/${itemId}/cataloguing/return`, token, { reason: 'no subjects' });
    expect(returned.body.status).toBe('cataloguing');
    const [back] = await probe.waitForEvents('library.cataloguing.returned.v1', 1, 30_000, forItem(itemId));
    expect(back.data).toMatchObject({ reason: 'no subjects', librarianId: 'librarian-test', status: 'cataloguing' });
    const again = await post(svc, `items/${itemId}/cataloguing/approve`, token);
    expect(again.status).toBe(409);
    expect(again.body.currentState).toBe('cataloguing');

    await assignNext(svc, probe, itemId, 'original-cataloguing', tech, 2);
    await post(svc, `items/${itemId}/cataloguing`, await libraryTechnician(tech), { record });
    await waitForStatus(svc, itemId, 'awaiting-approval');
    const approved = await post(svc, `items/${itemId}/cataloguing/approve`, token);
    expect(approved.body.status).toBe('processing');
    const [completed] = await probe.waitForEvents('library.cataloguing.completed.v1', 1, 30_000, forItem(itemId));
    expect(completed.data).toMatchObject({ kind: 'original', approvedBy: 'librarian-test', technicianId: tech });
    await probe.waitForEvents(
      'library.task.requested.v1',
      1,
      30_000,
      (e) => forItem(itemId)(e) && (e.data as LibraryTaskRequested).kind === 'physical-processing',
    );
    expect(count('library.item.registered.v1', itemId)).toBe(1);
  });
});
