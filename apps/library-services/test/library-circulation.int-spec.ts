import { createEvent, dlqTopic, LibraryTaskRequested } from '@appliance-care/contracts';
import { RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import {
  assignNext,
  barcode,
  forItem,
  get,
  librarian,
  libraryTechnician,
  post,
  record,
  topics,
  uid,
  waitForStatus,
} from './library.fixtures';

describe('library-services: damage, triage, repair and binding through Kafka and FerretDB', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const tech = uid('LT');

  beforeAll(async () => {
    env = isolateTestEnv('library-circulation');
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([topics.library(), dlqTopic(topics.library())]);
    svc = await startTestService('library-services', (c) => AppModule.register(c), env);
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** An item on the shelf: registered by REST and taken through its steps by a librarian. */
  async function shelvedItem(): Promise<string> {
    const token = await librarian();
    const itemId = uid('SHELF');
    const body = {
      itemId,
      barcode: barcode(),
      title: 'Moby-Dick',
      format: 'book',
      branch: 'central',
      cataloguing: 'copy',
    };
    expect((await post(svc, 'items', token, body)).status).toBe(201);
    expect((await post(svc, `items/${itemId}/cataloguing`, token, { record })).status).toBe(200);
    expect((await post(svc, `items/${itemId}/processing/complete`, token)).body.status).toBe('available');
    return itemId;
  }

  const volumeCompleted = (itemId: string, subscriptionId: string) =>
    createEvent({
      type: 'library.serial.volume-completed.v1',
      source: '/appliance-care/library-services',
      subject: subscriptionId,
      data: {
        subscriptionId,
        title: 'Nature',
        branch: 'central',
        volume: 7,
        itemId,
        completedAt: new Date().toISOString(),
      },
    });

  it('a damaged item is triaged for repair, repaired by the assigned technician and back in circulation', async () => {
    const itemId = await shelvedItem();
    const damaged = await post(svc, `items/${itemId}/damage`, await libraryTechnician(tech), { damage: 'spine split' });
    expect(damaged.status).toBe(200);
    expect(damaged.body.status).toBe('damaged');
    const [reported] = await probe.waitForEvents('library.item.damage-reported.v1', 1, 30_000, forItem(itemId));
    expect(reported.data).toMatchObject({ damage: 'spine split', reportedBy: tech, status: 'damaged' });
    expect(
      (await post(svc, `items/${itemId}/triage`, await libraryTechnician(tech), { decision: 'repair' })).status,
    ).toBe(403);

    const triaged = await post(svc, `items/${itemId}/triage`, await librarian(), {
      decision: 'repair',
      reason: 'sound block',
    });
    expect(triaged.body.status).toBe('in-repair');
    const [decision] = await probe.waitForEvents('library.item.triaged.v1', 1, 30_000, forItem(itemId));
    expect(decision.data).toMatchObject({ decision: 'repair', status: 'in-repair', reason: 'sound block' });
    const repairTask = await assignNext(svc, probe, itemId, 'item-repair', tech);
    expect(repairTask.skill).toBe('book-repair');

    expect((await post(svc, `items/${itemId}/repair/complete`, await libraryTechnician('LT-nobody'))).status).toBe(404);
    const repaired = await post(svc, `items/${itemId}/repair/complete`, await libraryTechnician(tech), {
      notes: 'rebacked',
    });
    expect(repaired.status).toBe(200);
    expect(repaired.body.status).toBe('available');
    const [event] = await probe.waitForEvents('library.item.repaired.v1', 1, 30_000, forItem(itemId));
    expect(event.data).toMatchObject({ technicianId: tech, notes: 'rebacked', status: 'available' });
    const closed = await probe.waitForEvents(
      'library.task.closed.v1',
      1,
      30_000,
      (e) => (e.data as { taskId: string }).taskId === repairTask.taskId,
    );
    expect(closed[0].data).toMatchObject({ outcome: 'completed', technicianId: tech });
    const again = await post(svc, `items/${itemId}/repair/complete`, await librarian());
    expect(again.status).toBe(409);
    expect(again.body.currentState).toBe('available');
  });

  it('binds a triaged item and a serial volume (registered once) in one shipment: at the bindery while away, available when it returns', async () => {
    const token = await librarian();
    const damagedItem = await shelvedItem();
    await post(svc, `items/${damagedItem}/damage`, token, { damage: 'loose pages' });
    expect((await post(svc, `items/${damagedItem}/triage`, token, { decision: 'bind' })).body.status).toBe(
      'awaiting-binding',
    );

    const volumeId = uid('VOL');
    const subscriptionId = uid('SUB');
    await probe.publish(topics.library(), volumeCompleted(volumeId, subscriptionId));
    await probe.publish(topics.library(), volumeCompleted(volumeId, subscriptionId));
    const volume = await waitForStatus(svc, volumeId, 'awaiting-binding');
    expect(volume).toMatchObject({ format: 'journal-volume', source: 'serials', openTask: { kind: 'binding-prep' } });
    const prep = await probe.waitForEvents(
      'library.task.requested.v1',
      2,
      30_000,
      (e) =>
        [damagedItem, volumeId].includes((e.data as LibraryTaskRequested).itemId ?? '') &&
        (e.data as LibraryTaskRequested).kind === 'binding-prep',
    );
    expect(prep).toHaveLength(2);

    const onShelf = await shelvedItem();
    const refused = await post(svc, 'binding/shipments', token, {
      bindery: 'Riverside Bindery',
      items: [
        { itemId: volumeId, instructions: 'buckram' },
        { itemId: onShelf, instructions: 'n/a' },
      ],
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain(onShelf);

    const shipmentId = uid('BIND');
    const items = [
      { itemId: volumeId, instructions: 'buckram, dark green' },
      { itemId: damagedItem, instructions: 'resew' },
    ];
    const sent = await post(svc, 'binding/shipments', await libraryTechnician(tech), {
      shipmentId,
      bindery: 'Riverside Bindery',
      items,
    });
    expect(sent.status).toBe(201);
    expect(
      (await post(svc, 'binding/shipments', token, { shipmentId, bindery: 'Riverside Bindery', items })).status,
    ).toBe(201);
    const [event] = await probe.waitForEvents(
      'library.binding.shipment-sent.v1',
      1,
      30_000,
      (e) => (e.data as { shipmentId: string }).shipmentId === shipmentId,
    );
    expect(event.data).toMatchObject({ slip: items, sentBy: tech, branch: 'central' });
    for (const itemId of [volumeId, damagedItem]) await waitForStatus(svc, itemId, 'at-bindery');
    await waitFor(
      () =>
        probe
          .events('library.task.closed.v1')
          .filter((e) =>
            prep.some(
              (p) => p.data && (p.data as LibraryTaskRequested).taskId === (e.data as LibraryTaskRequested).taskId,
            ),
          ).length === 2 || undefined,
      { what: 'the binding-prep tasks closed' },
    );
    expect((await get(svc, `binding/shipments/${shipmentId}`, token)).body).toMatchObject({
      status: 'sent',
      slip: items,
    });

    const back = await post(svc, `binding/shipments/${shipmentId}/return`, token);
    expect(back.status).toBe(200);
    expect((await post(svc, `binding/shipments/${shipmentId}/return`, token)).status).toBe(409);
    await probe.waitForEvents(
      'library.binding.shipment-returned.v1',
      1,
      30_000,
      (e) => (e.data as { shipmentId: string }).shipmentId === shipmentId,
    );
    for (const itemId of [volumeId, damagedItem]) await waitForStatus(svc, itemId, 'available');
    expect(probe.events('library.item.registered.v1').filter(forItem(volumeId))).toHaveLength(1);
  });

  it('puts an item in one shipment only when two shipments race for it', async () => {
    const token = await librarian();
    const itemId = await shelvedItem();
    await post(svc, `items/${itemId}/damage`, token, { damage: 'loose pages' });
    await post(svc, `items/${itemId}/triage`, token, { decision: 'bind' });
    const racers = Array.from({ length: 4 }, () => uid('RACE'));
    const answers = await Promise.all(
      racers.map((shipmentId) =>
        post(svc, 'binding/shipments', token, { shipmentId, bindery: 'B', items: [{ itemId, instructions: 'x' }] }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = racers[answers.findIndex((a) => a.status === 201)];
    const item = await waitForStatus(svc, itemId, 'at-bindery');
    expect(item.shipmentId).toBe(winner);
    for (const shipmentId of racers.filter((id) => id !== winner))
      expect((await get(svc, `binding/shipments/${shipmentId}`, token)).status).toBe(404);
  });

  it('refuses bad input naming the field, a taken barcode 409, and the library roles their endpoints', async () => {
    const token = await librarian();
    const bad = await post(svc, 'items', token, {
      itemId: uid('X'),
      barcode: 'a b',
      title: 'T',
      format: 'book',
      branch: 'central',
      cataloguing: 'copy',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('barcode');
    const code = barcode();
    expect(
      (
        await post(svc, 'items', token, {
          itemId: uid('X'),
          barcode: code,
          title: 'T',
          format: 'book',
          branch: 'central',
          cataloguing: 'copy',
        })
      ).status,
    ).toBe(201);
    const taken = await post(svc, 'items', token, {
      itemId: uid('X'),
      barcode: code,
      title: 'T',
      format: 'book',
      branch: 'central',
      cataloguing: 'copy',
    });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).toContain('barcode');
    const badTriage = await post(svc, `items/${uid('X')}/triage`, token, { decision: 'burn' });
    expect(badTriage.status).toBe(400);
    expect(JSON.stringify(badTriage.body)).toContain('decision');
    const badShipment = await post(svc, 'binding/shipments', token, { bindery: 'B', items: [] });
    expect(badShipment.status).toBe(400);
    expect(JSON.stringify(badShipment.body)).toContain('items');
    expect((await get(svc, 'items/NO-SUCH-ITEM', token)).status).toBe(404);
    expect((await get(svc, 'binding/shipments/NO-SUCH', token)).status).toBe(404);
    const customer = await tokenFor('customer', { customerId: 'C-1' });
    expect((await get(svc, 'items', customer)).status).toBe(403);
    expect((await get(svc, 'tasks', customer)).status).toBe(403);
  });
});
