import { Data, E2eSystem, LIBRARY_ROSTER } from './support/e2e-system';
import { ItemEvent, LibrarySteps } from './support/library-steps';

/**
 * The library side of the whole system (issue 21): every service as a process, the real broker, store
 * and SMTP server. Acquisitions speaks Kafka; librarians, library technicians and patrons speak REST.
 * Dispatch assigns each queue item to a seeded library technician (library-technicians.e2e-seed.json)
 * by branch and skill; notifications tells the patron; the portal keeps the item's timeline.
 */
const RECORD = { callNumber: '853.914 ECO', subjects: ['Monasteries -- Fiction'], notes: 'e2e' };
const onlyAt = (branch: string, skill: string): string => {
  const [one, ...more] = LIBRARY_ROSTER.filter((t) => t.branch === branch && t.skills.includes(skill));
  expect(more).toEqual([]); // the seed gives each skill one technician at central: who gets the work is known
  return one.technicianId;
};

/** The item's status changes in order: each an event carrying the status after it. */
const statusChanges = (events: ItemEvent[]) =>
  events.filter((e) => !e.type.startsWith('library.task.')).map((e) => `${e.type} → ${e.status}`);
const taskEvents = (events: ItemEvent[]) =>
  events.filter((e) => e.type.startsWith('library.task.')).map((e) => `${e.type} ${e.taskId}`);

/** The library's journeys, in the system `sys` (started and stopped by the spec that runs them). */
export function libraryJourneys(sys: E2eSystem): void {
  const lib = new LibrarySteps(sys);

  describe('library technical services end to end', () => {
    it('an item from receipt to shelf-ready: original cataloguing approved, processed, and the patron who held it meanwhile is told once', async () => {
      const cataloguer = onlyAt('central', 'cataloguing');
      const received = await lib.receive('rose', { cataloguing: 'original', title: 'The Name of the Rose' });
      const { itemId } = received;

      // dispatch gives the cataloguing to the branch's cataloguer; it is in their queue
      const first = await lib.assigned(itemId, 'original-cataloguing');
      expect(first).toMatchObject({ technicianId: cataloguer, branch: 'central', skill: 'cataloguing' });
      expect((await lib.queue(cataloguer)).map((t) => t['taskId'])).toContain(first['taskId']);

      const submitted = await lib.step(itemId, 'cataloguing', await lib.technician(cataloguer), { record: RECORD });
      expect(submitted['status']).toBe('awaiting-approval');
      const approved = await lib.step(itemId, 'cataloguing/approve', await lib.librarian(), {});
      expect(approved['status']).toBe('processing');

      // a patron holds it while it is processed
      const patronId = `P-rose-${sys.run}`;
      const inbox = sys.inbox(`${patronId.toLowerCase()}@example.org`);
      const hold = await lib.placeHold(itemId, patronId, inbox.address);
      expect(hold).toMatchObject({ itemId, patronId, itemStatus: 'processing' });

      const second = await lib.assigned(itemId, 'physical-processing');
      expect(second['technicianId']).toBe(cataloguer);
      const shelved = await lib.step(itemId, 'processing/complete', await lib.technician(cataloguer), {});
      expect(shelved).toMatchObject({ status: 'available', record: { callNumber: RECORD.callNumber } });
      expect(shelved['openTask']).toBeUndefined();

      // exactly one mail to the patron (and its in-app copy): once their notifications settle nothing more comes
      await inbox.next('library.item.shelf-ready.v1');
      const notices = await sys.settledNotifications(patronId);
      expect(notices.map((n: Data) => `${n['eventType']} ${n['channel']} ${n['status']}`).sort()).toEqual(
        [...new Set(notices.map((n: Data) => n['channel']))].map((c) => `library.item.shelf-ready.v1 ${c} sent`).sort(),
      );
      expect(notices.filter((n: Data) => n['channel'] === 'email')).toHaveLength(1);
      inbox.expectComplete();

      // every status change was an event, in order, each once; each task requested and closed once
      await sys.eventFor('library.task.closed.v1', (d) => d['taskId'] === second['taskId']);
      const events = lib.itemEvents(itemId);
      expect(statusChanges(events)).toEqual([
        'library.item.registered.v1 → cataloguing',
        'library.cataloguing.submitted.v1 → awaiting-approval',
        'library.cataloguing.completed.v1 → processing',
        'library.hold.placed.v1 → processing',
        'library.item.shelf-ready.v1 → available',
      ]);
      expect(taskEvents(events).sort()).toEqual(
        [
          `library.task.requested.v1 ${first['taskId']}`,
          `library.task.closed.v1 ${first['taskId']}`,
          `library.task.requested.v1 ${second['taskId']}`,
          `library.task.closed.v1 ${second['taskId']}`,
        ].sort(),
      );
      expect(sys.events('queue-item.assigned.v1', (d) => d['itemId'] === itemId)).toHaveLength(2);
      const shelfReady = sys.events('library.item.shelf-ready.v1', (d) => d['itemId'] === itemId);
      expect(shelfReady.map((e) => (e.data as Data)['holdIds'])).toEqual([[hold['holdId']]]);

      // the portal's timeline: every step in order, the item on the shelf; the patron may read it too
      const timeline = await lib.timeline(itemId, [
        'library.item.registered',
        'library.cataloguing.submitted',
        'library.cataloguing.completed',
        'library.hold.placed',
        'library.item.shelf-ready',
      ]);
      expect(timeline['status']).toBe('available');
      expect(timeline['entries'].map((e: Data) => e['who'].kind)).toEqual([
        'system',
        'library-technician',
        'librarian',
        'patron',
        'library-technician',
      ]);
      const asPatron = await sys.call('GET', 'portal', `items/${itemId}/timeline`, {
        token: await lib.patron(patronId),
      });
      expect(asPatron.status).toBe(200);
      const stranger = await sys.call('GET', 'portal', `items/${itemId}/timeline`, {
        token: await lib.patron('P-other'),
      });
      expect(stranger.status).toBe(404);
    });

    it('a damaged item through repair: reported at circulation, triaged for repair, repaired by the branch mender, back on the shelf', async () => {
      const cataloguer = onlyAt('central', 'cataloguing');
      const mender = onlyAt('central', 'book-repair');
      const { itemId } = await lib.receive('atlas', { cataloguing: 'copy', title: 'A world atlas', format: 'map' });

      // on the shelf first: copy cataloguing and processing by the cataloguer
      await lib.assigned(itemId, 'copy-cataloguing');
      const tech = await lib.technician(cataloguer);
      expect((await lib.step(itemId, 'cataloguing', tech, { record: RECORD }))['status']).toBe('processing');
      await lib.assigned(itemId, 'physical-processing');
      expect((await lib.step(itemId, 'processing/complete', tech, {}))['status']).toBe('available');

      const librarian = await lib.librarian();
      const damaged = await lib.step(itemId, 'damage', librarian, { damage: 'spine split, pages 40-60 loose' });
      expect(damaged['status']).toBe('damaged');
      // the cataloguer held its earlier tasks, not the repair: refused before triage assigns anyone
      const early = await sys.call('POST', 'library-services', `items/${itemId}/repair/complete`, { token: tech });
      expect(early.status).toBe(403);
      const triaged = await lib.step(itemId, 'triage', librarian, {
        decision: 'repair',
        reason: 'a new spine will do',
      });
      expect(triaged['status']).toBe('in-repair');

      const repair = await lib.assigned(itemId, 'item-repair');
      expect(repair).toMatchObject({ technicianId: mender, skill: 'book-repair', branch: 'central' });
      expect((await lib.queue(mender)).map((t) => t['taskId'])).toContain(repair['taskId']);
      const repaired = await lib.step(itemId, 'repair/complete', await lib.technician(mender), {
        notes: 'rebacked with linen',
      });
      expect(repaired['status']).toBe('available');
      await sys.eventFor('library.task.closed.v1', (d) => d['taskId'] === repair['taskId']);

      expect(statusChanges(lib.itemEvents(itemId))).toEqual([
        'library.item.registered.v1 → cataloguing',
        'library.cataloguing.completed.v1 → processing',
        'library.item.shelf-ready.v1 → available',
        'library.item.damage-reported.v1 → damaged',
        'library.item.triaged.v1 → in-repair',
        'library.item.repaired.v1 → available',
      ]);
      const closed = sys.events('library.task.closed.v1', (d) => d['taskId'] === repair['taskId']);
      expect(closed.map((e) => (e.data as Data)['technicianId'])).toEqual([mender]);

      const timeline = await lib.timeline(itemId, [
        'library.item.registered',
        'library.cataloguing.completed',
        'library.item.shelf-ready',
        'library.item.damage-reported',
        'library.item.triaged',
        'library.item.repaired',
      ]);
      expect(timeline['status']).toBe('available');
      expect(timeline['entries'].at(-1)).toMatchObject({ who: { kind: 'library-technician', id: mender } });
    });

    it('a serial: a subscription checked in issue by issue, its completed volume prepared for binding, sent to the bindery and back on the shelf', async () => {
      const preparer = onlyAt('central', 'binding-prep');
      const librarian = await lib.librarian();
      const subscriptionId = `SUB-e2e-${sys.run}`;
      const started = await sys.call('POST', 'library-services', 'subscriptions', {
        token: librarian,
        body: {
          subscriptionId,
          title: 'Journal of E2E Studies',
          branch: 'central',
          vendor: { vendorId: 'V-E2E', name: 'E2E Subscriptions', email: 'claims@vendor.example' },
          // issue 1 today, issue 2 in a month: nothing is late, nothing claimed
          pattern: {
            frequency: 'monthly',
            firstExpectedOn: sys.window(0).from.slice(0, 10),
            issuesPerVolume: 2,
            graceDays: 30,
          },
        },
      });
      expect({ status: started.status, body: started.body }).toMatchObject({ status: 201 });
      const technician = await lib.technician(preparer);
      for (const n of [1, 2]) {
        const res = await sys.call(
          'POST',
          'library-services',
          `subscriptions/${subscriptionId}/issues/1/${n}/check-in`,
          {
            token: technician,
          },
        );
        expect({ n, status: res.status }).toEqual({ n, status: 200 });
      }
      const completed = await sys.eventFor(
        'library.serial.volume-completed.v1',
        (d) => d['subscriptionId'] === subscriptionId,
      );
      const itemId = (completed.data as Data)['itemId'] as string;
      const prep = await lib.assigned(itemId, 'binding-prep');
      expect(prep).toMatchObject({ technicianId: preparer, skill: 'binding-prep' });

      const shipmentId = `BIND-e2e-${sys.run}`;
      const sent = await sys.call('POST', 'library-services', 'binding/shipments', {
        token: technician,
        body: {
          shipmentId,
          bindery: 'Riverside Bindery Ltd',
          items: [{ itemId, instructions: 'buckram, dark green' }],
        },
      });
      expect({ status: sent.status, body: sent.body }).toMatchObject({ status: 201, body: { status: 'sent' } });
      await lib.waitForStatus(itemId, 'at-bindery');
      const back = await sys.call('POST', 'library-services', `binding/shipments/${shipmentId}/return`, {
        token: technician,
        body: {},
      });
      expect({ status: back.status, body: back.body }).toMatchObject({ status: 200, body: { status: 'returned' } });
      await lib.waitForStatus(itemId, 'available');

      expect(
        sys.events('library.serial.issue-received.v1', (d) => d['subscriptionId'] === subscriptionId),
      ).toHaveLength(2);
      expect(sys.events('library.serial.claimed.v1', (d) => d['subscriptionId'] === subscriptionId)).toEqual([]);
      const timeline = await lib.timeline(itemId, [
        'library.serial.volume-completed',
        'library.item.registered',
        'library.binding.shipment-sent',
        'library.binding.shipment-returned',
      ]);
      expect(timeline['entries'].map((e: Data) => e['status'])).toEqual([
        undefined,
        'awaiting-binding',
        'at-bindery',
        'available',
      ]);
    });
  });
}
