import { Locator, Page } from 'playwright-core';

import { screenshot, seriousViolations } from './support/browser';
import { ConsoleSession, JourneyContexts } from './support/console-session';
import { ADA, LibraryItems, SAMUEL } from './support/library-items';

/**
 * The library's journey (README, "Library technician" and "Librarian"): an item received over Kafka,
 * assigned by dispatch, catalogued and processed in the browser; an original record returned,
 * resubmitted and approved; a damaged item triaged and repaired. Run by console.e2e-spec.ts on the
 * system the journeys share: the items and the serial are this run's, and no other journey puts work
 * in a library queue.
 */
export function libraryJourney(session: ConsoleSession): void {
  describe('console: the library', () => libraryTests(session));
}

/** Signs in at the development sign-in page with the role (and the technician id it needs). */
async function signIn(page: Page, url: string, role: string, technicianId?: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Role').selectOption(role);
  if (technicianId) await page.getByLabel('Technician id').fill(technicianId);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A card on the screen once it is there (the screens poll, so it arrives without a reload). */
async function shown(page: Page, found: Locator): Promise<Locator> {
  // what the screen says instead (an error, other items) makes a failure readable
  await found.waitFor({ timeout: 60_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe page shows: ${await page.locator('main').innerText()}`);
  });
  return found;
}

/** The item's card on the librarian's screen, once it shows the text. */
const card = (page: Page, itemId: string, text: string) =>
  shown(page, page.locator(`li[data-item="${itemId}"]`).filter({ hasText: text }));

/** The queue item's card on a technician's queue (the task's own card, not an earlier task's on the item). */
const taskCard = (page: Page, task: { taskId: string }) => shown(page, page.locator(`li[data-task="${task.taskId}"]`));

/** The tests in the journey's describe (their own function: declared as they were in their own suite). */
function libraryTests(session: ConsoleSession): void {
  const { system } = session;
  const contexts = new JourneyContexts(session);
  const library = new LibraryItems(system);
  let technician: Page;
  let librarian: Page;

  beforeAll(async () => {
    // two people at two desks: each tab has its own session
    const desk = { viewport: { width: 1280, height: 900 } };
    technician = await (await contexts.open(desk)).newPage();
    librarian = await (await contexts.open(desk)).newPage();
  });

  afterAll(async () => {
    await contexts.close();
    await library.close();
  });

  it('an item received over Kafka reaches the technician dispatch assigned it; they catalogue and process it in the browser', async () => {
    const received = await library.received({ title: 'The Name of the Rose', format: 'book' });
    const assigned = await library.assigned(received.itemId, 'copy-cataloguing');
    expect(assigned.openTask.technicianId).toBe(ADA);

    await signIn(technician, system.url, 'library-technician', ADA);
    await technician.getByRole('heading', { name: 'My queue' }).waitFor();
    expect(new URL(technician.url()).pathname).toBe('/library/queue');
    const job = await taskCard(technician, assigned.openTask);
    expect(await job.getByRole('heading').innerText()).toBe(`Copy cataloguing · ${received.title}`);
    const text = await job.innerText();
    for (const fact of [received.title, received.barcode, 'book', 'central', 'cataloguing'])
      expect(text).toContain(fact);
    expect(await seriousViolations(technician)).toEqual([]);

    // nothing typed: the service's 400 in words, naming the field
    await job.getByRole('button', { name: 'Complete cataloguing' }).click();
    await job.getByRole('alert').waitFor();
    expect(await job.getByRole('alert').innerText()).toContain('record.callNumber');
    await job.getByLabel('Call number').fill('853.914 ECO');
    await job.getByLabel('Subjects (one a line)').fill('Monasteries -- Fiction\nItaly -- History -- Fiction');
    await job.getByLabel('Source record id').fill('ocm12345678');
    await job.getByLabel('Notes').fill('copied from the national record');
    await job.getByRole('button', { name: 'Complete cataloguing' }).click();

    // copy cataloguing done: physical processing is the next task, assigned to the same cataloguer
    const next = await library.assigned(received.itemId, 'physical-processing');
    expect(next.openTask.technicianId).toBe(ADA);
    const processing = await taskCard(technician, next.openTask);
    await processing.getByTestId('item-status').filter({ hasText: 'physical processing' }).waitFor();
    await screenshot(technician, 'library-technician-queue');
    await processing.getByRole('button', { name: 'Processing complete' }).click();
    await technician.locator(`li[data-item="${received.itemId}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await technician.getByRole('alert').count()).toBe(0);

    const stored = (await library.get(received.itemId)).body;
    expect(stored).toMatchObject({
      status: 'available',
      record: {
        callNumber: '853.914 ECO',
        subjects: ['Monasteries -- Fiction', 'Italy -- History -- Fiction'],
        sourceRecordId: 'ocm12345678',
        notes: 'copied from the national record',
      },
    });
    expect(stored.openTask).toBeUndefined();
    expect(system.consoleLog).not.toMatch(/Bearer|eyJ/);
  });

  it('an original record the technician submits waits for a librarian, who returns it once and then approves it', async () => {
    const received = await library.received({ title: 'Il pendolo di Foucault', cataloguing: 'original' });
    const first = await library.assigned(received.itemId, 'original-cataloguing');
    const job = await taskCard(technician, first.openTask);
    await job.getByLabel('Call number').fill('853.914 ECO P');
    await job.getByRole('button', { name: 'Submit for approval' }).click();
    await library.until(received.itemId, (i) => i.status === 'awaiting-approval', 'awaiting approval');

    // a monthly serial whose first issue was due 40 days ago (3 days' grace) and never came
    const serial = `Nature ${system.run}`;
    const firstExpectedOn = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    const started = await library.post('subscriptions', {
      subscriptionId: `SUB-CON-${system.run}`,
      title: serial,
      branch: 'central',
      vendor: { vendorId: 'V-EBSCO', name: 'EBSCO', email: 'claims@ebsco.example' },
      pattern: { frequency: 'monthly', firstExpectedOn, issuesPerVolume: 12, graceDays: 3 },
    });
    expect(started.status).toBe(201);

    await signIn(librarian, system.url, 'librarian');
    await librarian.getByRole('heading', { name: 'Technical services' }).waitFor();
    expect(new URL(librarian.url()).pathname).toBe('/library/technical-services');
    // the late-issues list shows the serial's missing first issue, with its vendor
    const lateRow = librarian.getByRole('row').filter({ hasText: serial }).first();
    await shown(librarian, lateRow);
    const row = await lateRow.innerText();
    for (const fact of ['vol. 1 no. 1', firstExpectedOn, 'central', 'EBSCO']) expect(row).toContain(fact);
    const approval = await card(librarian, received.itemId, '853.914 ECO P');
    expect(await seriousViolations(librarian)).toEqual([]);
    await approval.getByLabel('Reason to return record').fill('subject headings missing');
    await approval.getByRole('button', { name: 'Return record' }).click();
    await approval.waitFor({ state: 'detached', timeout: 30_000 });

    // back in the cataloguer's queue, the record as submitted to start from
    const returned = await library.assigned(received.itemId, 'original-cataloguing');
    expect(returned).toMatchObject({ status: 'cataloguing', openTask: { technicianId: ADA } });
    expect(returned.openTask.taskId).not.toBe(first.openTask.taskId);
    const again = await taskCard(technician, returned.openTask);
    expect(await again.getByLabel('Call number').inputValue()).toBe('853.914 ECO P');
    await again.getByLabel('Subjects (one a line)').fill('Conspiracies -- Fiction');
    await again.getByRole('button', { name: 'Submit for approval' }).click();

    const resubmitted = await card(librarian, received.itemId, 'Conspiracies -- Fiction');
    await screenshot(librarian, 'librarian-technical-services');
    await resubmitted.getByRole('button', { name: 'Approve record' }).click();
    await resubmitted.waitFor({ state: 'detached', timeout: 30_000 });
    const approved = await library.until(
      received.itemId,
      (i) => i.openTask?.kind === 'physical-processing',
      'processing requested',
    );
    expect(approved).toMatchObject({ status: 'processing', record: { subjects: ['Conspiracies -- Fiction'] } });
    expect(await librarian.getByRole('alert').count()).toBe(0);
  });

  it('a damaged item the librarian triages for repair reaches the book repairer, who repairs it in the browser', async () => {
    const received = await library.received({ title: 'Il nome della rosa' });
    await library.assigned(received.itemId, 'copy-cataloguing');
    expect(
      (await library.post(`items/${received.itemId}/cataloguing`, { record: { callNumber: '853 ECO' } })).status,
    ).toBe(200);
    await library.assigned(received.itemId, 'physical-processing');
    expect((await library.post(`items/${received.itemId}/processing/complete`, {})).status).toBe(200);
    expect((await library.post(`items/${received.itemId}/damage`, { damage: 'spine split' })).status).toBe(200);

    const damaged = await card(librarian, received.itemId, 'spine split');
    await damaged.getByLabel('Decision').selectOption('repair');
    await damaged.getByLabel('Reason').fill('a sound text block, a new spine will do');
    await damaged.getByRole('button', { name: 'Triage' }).click();
    await damaged.waitFor({ state: 'detached', timeout: 30_000 });
    const assigned = await library.assigned(received.itemId, 'item-repair');
    expect(assigned).toMatchObject({ status: 'in-repair', openTask: { technicianId: SAMUEL } });

    const repairer = await (await contexts.open({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(repairer, system.url, 'library-technician', SAMUEL);
    const repair = await taskCard(repairer, assigned.openTask);
    expect(await seriousViolations(repairer)).toEqual([]);
    await repair.getByLabel('Repair notes').fill('rebacked with linen');
    await repair.getByRole('button', { name: 'Repair complete' }).click();
    await repairer.getByText('Nothing in your queue.').waitFor({ timeout: 30_000 });
    expect((await library.get(received.itemId)).body).toMatchObject({ status: 'available' });
  });
}
