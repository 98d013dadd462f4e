import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';

import { ROOT } from '@appliance-care/testing';

import { screenshot, seriousViolations } from './support/browser';
import { ConsoleSession, JourneyContexts } from './support/console-session';
import { DANIEL, TechnicianJobs } from './support/technician-jobs';

/**
 * The technician's journey (README, "Technician"), at phone width: Daniel completes a gas hob
 * installation with its checklist, records a gas-smell visit that needs a repair and carries out the
 * repair, then completes a boiler's maintenance visit. Run by console.e2e-spec.ts on the system the
 * journeys share: Mia, her orders and serial numbers are this run's, and Daniel (Manchester, where
 * no other journey buys) has only her jobs.
 */
export function technicianJourney(session: ConsoleSession): void {
  describe('console: the technician', () => technicianTests(session));
}

/** The job's card on "my day", once it is there (the day polls, so it arrives without a reload). */
async function card(page: Page, workOrderId: string): Promise<Locator> {
  const job = page.locator(`li[data-work-order="${workOrderId}"]`);
  // what the screen says instead (an error, other jobs) makes a failure readable
  await job.waitFor({ timeout: 60_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nthe page shows: ${await page.locator('main').innerText()}`);
  });
  return job;
}

const statusOf = (job: Locator, status: string) =>
  job
    .getByTestId('job-status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor({ timeout: 30_000 });

/** Accept, then on the way with the suggested ETA: the same two steps for every kind of job. */
async function acceptAndGo(job: Locator, workOrderId: string): Promise<void> {
  await job.getByRole('button', { name: 'Accept' }).click();
  await job.getByText(`Work order ${workOrderId}: accepted`).waitFor();
  await job.getByRole('button', { name: 'En route' }).click();
  await job.getByText(`Work order ${workOrderId}: en-route`).waitFor();
}

/** The tests in the journey's describe (their own function: declared as they were in their own suite). */
function technicianTests(session: ConsoleSession): void {
  const { system } = session;
  const contexts = new JourneyContexts(session);
  const jobs = new TechnicianJobs(system);
  let page: Page;

  beforeAll(async () => {
    // a phone: the technician works from the van and the customer's kitchen
    const context = await contexts.open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await context.newPage();
  });

  afterAll(() => contexts.close());

  it('signs in at phone width and completes an installation with its checklist', async () => {
    const { applianceId, installationId } = await jobs.buyGasHob();
    const booked = await jobs.scheduled(installationId);
    expect(booked.technicianId).toBe(DANIEL);
    applianceOf = applianceId;

    await page.goto(`${system.url}/`);
    await page.getByLabel('Role').selectOption('technician');
    await page.getByLabel('Technician id').fill(DANIEL);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My day' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/technician');
    await page.getByText('No jobs booked.').or(page.locator('li[data-work-order]').first()).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    const job = await card(page, booked.workOrderId);
    await job.getByText('5 Deansgate, M3 2BW, Manchester').waitFor();
    expect(await job.textContent()).toContain('gas-hob');
    expect(await seriousViolations(page)).toEqual([]);
    await acceptAndGo(job, booked.workOrderId);
    await job.getByRole('button', { name: 'Start installation' }).click();
    await statusOf(job, 'in-progress');
    // one small picture for the README: the job on the phone, its checklist to answer
    const small = await screenshot(page, 'technician-installation');
    await job.screenshot({ path: small, scale: 'css' });
    // refreshed only when asked, so a test run leaves the work tree as it was
    if (process.env['CONSOLE_DOCS_IMAGES'] === '1') {
      copyFileSync(small, path.join(ROOT, 'docs/images/console-technician.png'));
    }

    // the service's refusal in words: completing without the checklist answered
    await job.getByRole('button', { name: 'Complete installation' }).click();
    await job.getByRole('alert').waitFor();
    expect(await job.getByRole('alert').innerText()).toMatch(/customerTrained|checklist/);
    for (const item of booked.checklist as { label: string }[]) await job.getByLabel(item.label).check();
    await job.getByLabel('Customer trained').check();
    await job.getByRole('button', { name: 'Complete installation' }).click();
    await statusOf(job, 'completed');
    expect(await job.getByRole('alert').count()).toBe(0);

    const stored = (await jobs.get('sales-installation', `installations/${installationId}`)).body;
    expect(stored).toMatchObject({ status: 'completed', customerTrained: true, technicianId: DANIEL });
    expect(stored.checklistAnswers.every((a: { done: boolean }) => a.done)).toBe(true);
  });

  let applianceOf = '';

  it('records a visit that needs a repair, then carries out the repair with parts, labour and sign-off', async () => {
    const reported = await jobs.reportGasSmell(applianceOf);
    const visit = await jobs.visitScheduled(reported.caseId);
    expect(visit.technicianId).toBe(DANIEL);

    const visitCard = await card(page, visit.workOrderId);
    await visitCard
      .getByText(/smell gas/)
      .first()
      .waitFor();
    await acceptAndGo(visitCard, visit.workOrderId);
    await visitCard.getByLabel('Test carried out').fill('Thermocouple millivolt test');
    await visitCard.getByLabel('Outcome').selectOption('repair-required');
    await visitCard.getByLabel('Confirmed fault').selectOption('oh-thermocouple-failed');
    await visitCard.getByRole('button', { name: 'Record results' }).click();
    await statusOf(visitCard, 'completed');
    expect((await jobs.get('diagnostics', `cases/${reported.caseId}`)).body).toMatchObject({
      state: 'completed',
      outcome: 'repair-required',
    });

    const ticket = await jobs.repairBooked(reported.caseId);
    expect(ticket.technicianId).toBe(DANIEL);
    const repair = await card(page, ticket.workOrderId);
    // the part the knowledge base suggests for the confirmed fault
    await repair.getByText('1 × Thermocouple 450 mm (GH-TC-450)').first().waitFor();
    await repair.getByRole('button', { name: 'Accept' }).click();
    await statusOf(repair, 'accepted');
    await repair.getByRole('button', { name: 'En route' }).click();
    await statusOf(repair, 'en-route');
    await repair.getByRole('button', { name: 'Start repair' }).click();
    await statusOf(repair, 'in-progress');
    await repair.getByLabel('Work done').fill('Replaced the thermocouple, checked flame supervision on every burner');
    await repair.getByRole('group', { name: 'Parts used' }).getByLabel('1 × Thermocouple 450 mm (GH-TC-450)').check();
    await repair.getByLabel('Labour (minutes)').fill('50');
    await repair.getByLabel('Signed off by (customer)').fill('Mia Turner');
    await repair.getByRole('button', { name: 'Complete repair' }).click();
    await statusOf(repair, 'completed');

    expect((await jobs.get('repairs', `tickets/${ticket.ticketId}`)).body).toMatchObject({
      status: 'completed',
      technicianId: DANIEL,
      completion: {
        partsUsed: [{ sku: 'GH-TC-450', quantity: 1 }],
        labourMinutes: 50,
        signedOffBy: 'Mia Turner',
      },
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'technician-day');
    expect(system.consoleLog).not.toMatch(/Bearer|eyJ/);
  });

  it("answers a boiler's maintenance checklist and completes the visit; the schedule is due again a year on", async () => {
    const { applianceId } = await jobs.buyBoiler();
    const booked = await jobs.maintenanceBooked(applianceId);
    expect(booked.booking.technicianId).toBe(DANIEL);
    const workOrderId: string = booked.booking.workOrderId;

    const job = await card(page, workOrderId);
    expect(await job.getByRole('heading').first().innerText()).toMatch(/^Maintenance visit · /);
    await job.getByText('Annual gas-safety service').waitFor();
    await job.getByText('5 Deansgate, M3 2BW, Manchester').waitFor();
    expect(await job.textContent()).toContain(`boiler (ACM-BO30-T-${system.run})`);
    await statusOf(job, 'visit-booked');
    await acceptAndGo(job, workOrderId);

    // nothing answered: the service names the checklist, in words
    await job.getByRole('button', { name: 'Complete maintenance visit' }).click();
    await job.getByRole('alert').waitFor();
    expect(await job.getByRole('alert').innerText()).toMatch(/checklist/);
    const items = booked.plan.checklist as { item: string; label: string }[];
    for (const [i, { label }] of items.entries()) {
      const group = job.getByRole('group', { name: label });
      await group.getByLabel(i === items.length - 1 ? 'Not OK' : 'OK', { exact: true }).check();
    }
    await job
      .getByRole('group', { name: items[items.length - 1].label })
      .getByLabel('Note')
      .fill('Alarm past its end of life: customer advised to replace it');
    expect(await seriousViolations(page)).toEqual([]);
    await job.getByRole('button', { name: 'Complete maintenance visit' }).click();

    await statusOf(job, 'done');
    await job.getByText(`${items.length - 1} items OK, 1 not OK. Next service due`, { exact: false }).waitFor();
    expect(await job.getByRole('alert').count()).toBe(0);
    expect(await job.getByRole('button', { name: 'Complete maintenance visit' }).count()).toBe(0);
    // dispatch closes the work order on maintenance.completed.v1: the day shows it done
    await job.getByText(`Work order ${workOrderId}: done`).waitFor({ timeout: 30_000 });

    const stored = (await jobs.get('sales-installation', `appliances/${applianceId}/maintenance`)).body;
    expect(stored).toMatchObject({ status: 'waiting', cycle: 2, overdue: false });
    expect(stored.booking).toBeUndefined();
    expect(stored.visits).toEqual([
      expect.objectContaining({ cycle: 1, workOrderId, technicianId: DANIEL, checklist: expect.any(Array) }),
    ]);
    const last = stored.visits[0].checklist.find((a: { item: string }) => a.item === items[items.length - 1].item);
    expect(last).toEqual({ item: items[items.length - 1].item, ok: false, note: expect.stringMatching(/end of life/) });
    expect(Date.parse(stored.dueAt) - Date.now()).toBeGreaterThan(300 * 86_400_000);
    await screenshot(page, 'technician-maintenance');
  });
}
