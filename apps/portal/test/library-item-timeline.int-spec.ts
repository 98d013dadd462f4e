import { mintToken } from '@appliance-care/auth';
import { createEvent, EventData, EventType, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, uniqueSuffix, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';

/**
 * A library item's timeline through the real broker and store: every item fact in order, a bindery
 * shipment's events on each item in it, once per event even redelivered; staff see every item, a
 * patron only one they placed a hold on (others' answer 404), appliance roles none.
 */
describe('portal library item timeline against the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  const run = uniqueSuffix();
  const itemId = `IT-${run}`;
  const otherItemId = `IT2-${run}`;
  const item = (id: string, status: EventData<'library.item.registered.v1'>['status']) => ({
    itemId: id,
    barcode: `BC-${id}`.slice(0, 32),
    title: `Atlas ${id}`,
    branch: 'central',
    status,
  });
  let clock = Date.parse('2026-12-01T09:00:00Z');
  const publish = async <T extends EventType>(type: T, data: EventData<T>, subject: string) => {
    const event = createEvent({
      type,
      source: '/test',
      data,
      subject,
      time: new Date((clock += 60_000)).toISOString(),
    });
    await probe.publish(physicalTopic(Topics.libraryServices), event);
    return event;
  };
  const timeline = (token: string, id = itemId) => http('GET', `${svc.url}/api/v1/items/${id}/timeline`, { token });
  const at = () => new Date(clock).toISOString();

  beforeAll(async () => {
    env = isolateTestEnv('portal-library');
    svc = await startTestService('portal', (c) => AppModule.register(c), env);
    probe = new KafkaProbe(env.kafkaBrokers);
  });
  afterAll(async () => {
    await probe.close();
    await svc.close();
  });

  it("shows an item's facts in order, a shipment's on each of its items, once each; patrons their held items only", async () => {
    const record = { callNumber: '912 ATL', subjects: [] };
    const shipmentItems = [itemId, otherItemId].map((id) => ({
      itemId: id,
      barcode: item(id, 'available').barcode,
      title: `Atlas ${id}`,
    }));
    await publish(
      'library.item.registered.v1',
      {
        ...item(itemId, 'cataloguing'),
        format: 'book',
        cataloguing: 'original',
        source: 'acquisitions',
        receivedAt: at(),
        registeredAt: at(),
      },
      itemId,
    );
    await publish(
      'library.cataloguing.submitted.v1',
      { ...item(itemId, 'awaiting-approval'), technicianId: 'LT-1', record, submittedAt: at() },
      itemId,
    );
    await publish(
      'library.hold.placed.v1',
      {
        ...item(itemId, 'awaiting-approval'),
        holdId: `H-${run}`,
        patron: { patronId: `P-${run}`, name: 'Pat', email: 'pat@example.org', locale: 'en-GB' },
        placedAt: at(),
      },
      itemId,
    );
    await publish(
      'library.cataloguing.completed.v1',
      {
        ...item(itemId, 'processing'),
        kind: 'original',
        technicianId: 'LT-1',
        approvedBy: 'LIB-1',
        record,
        completedAt: at(),
      },
      itemId,
    );
    const ready = await publish(
      'library.item.shelf-ready.v1',
      {
        ...item(itemId, 'available'),
        technicianId: 'LT-1',
        callNumber: '912 ATL',
        holdIds: [`H-${run}`],
        shelfReadyAt: at(),
      },
      itemId,
    );
    await publish(
      'library.item.damage-reported.v1',
      { ...item(itemId, 'damaged'), damage: 'spine split', reportedBy: 'LIB-2', reportedAt: at() },
      itemId,
    );
    await publish(
      'library.item.triaged.v1',
      { ...item(itemId, 'awaiting-binding'), decision: 'bind', librarianId: 'LIB-1', triagedAt: at() },
      itemId,
    );
    const shipment = `SH-${run}`;
    const sent = await publish(
      'library.binding.shipment-sent.v1',
      {
        shipmentId: shipment,
        branch: 'central',
        bindery: 'Bindery Ltd',
        items: shipmentItems,
        slip: [{ itemId, instructions: 'rebind' }],
        sentBy: 'LT-2',
        sentAt: at(),
      },
      shipment,
    );
    await publish(
      'library.binding.shipment-returned.v1',
      {
        shipmentId: shipment,
        branch: 'central',
        bindery: 'Bindery Ltd',
        items: shipmentItems,
        receivedBy: 'LT-2',
        returnedAt: at(),
      },
      shipment,
    );
    // a redelivery of the shelf-ready and the shipment events
    await probe.publish(physicalTopic(Topics.libraryServices), ready);
    await probe.publish(physicalTopic(Topics.libraryServices), sent);

    const librarian = await tokenFor('librarian');
    const body = await waitFor(
      async () => {
        const res = await timeline(librarian);
        return res.status === 200 && res.body.entries.length >= 9 ? res.body : undefined;
      },
      { what: "the item's nine entries" },
    );
    expect(body.entries.map((e: { type: string }) => e.type)).toEqual([
      'library.item.registered',
      'library.cataloguing.submitted',
      'library.hold.placed',
      'library.cataloguing.completed',
      'library.item.shelf-ready',
      'library.item.damage-reported',
      'library.item.triaged',
      'library.binding.shipment-sent',
      'library.binding.shipment-returned',
    ]);
    expect(body.entries[7]).toMatchObject({
      id: `${sent.id}:${itemId}`,
      status: 'at-bindery',
      who: { kind: 'library-technician', id: 'LT-2' },
    });
    expect(body.entries[8]).toMatchObject({ status: 'available' });
    expect(body.status).toBe('available');
    // the shipment's other item has its own timeline from the same two events
    const other = await waitFor(
      async () => {
        const res = await timeline(librarian, otherItemId);
        return res.status === 200 && res.body.entries.length >= 2 ? res.body : undefined;
      },
      { what: "the shipment's other item" },
    );
    expect(other.entries.map((e: { id: string }) => e.id)).toEqual([
      `${sent.id}:${otherItemId}`,
      expect.stringContaining(otherItemId),
    ]);

    // once per event: the redeliveries added nothing (they came after the returned event on its partition or its own)
    expect((await timeline(librarian)).body.entries).toHaveLength(9);

    expect((await timeline(await tokenFor('library-technician'))).status).toBe(200);
    expect((await timeline(await tokenFor('admin'))).status).toBe(200);
    const patron = await mintToken({ sub: 'patron-test', roles: ['patron'], patronId: `P-${run}` });
    const stranger = await mintToken({ sub: 'patron-other', roles: ['patron'], patronId: `P-other-${run}` });
    expect((await timeline(patron)).status).toBe(200);
    const refused = await timeline(stranger);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // the patron placed no hold on the shipment's other item
    expect((await timeline(patron, otherItemId)).status).toBe(404);
    for (const role of ['customer', 'technician', 'dispatcher'] as const)
      expect((await timeline(await tokenFor(role))).status).toBe(403);
    expect((await timeline(librarian, `IT-unknown-${run}`)).status).toBe(404);
  });
});
