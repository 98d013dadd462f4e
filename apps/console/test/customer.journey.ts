import path from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';

import { http } from '@appliance-care/service-testing';
import { waitFor } from '@appliance-care/testing';

import { screenshot, SCREENSHOTS, seriousViolations } from './support/browser';
import { ConsoleSession, JourneyContexts } from './support/console-session';
import { ConsoleSystem } from './support/console-system';
import { Bought, buyAdasAppliances, buyAdasBoiler } from './support/customer-purchase';

/**
 * The customer's journey (README, "Customer"): Ada signs in and sees her appliances, reports E21 and
 * answers the remote guidance, moves one installation and cancels another, sets quiet hours, rates the
 * completed installation from her messages and moves her boiler's maintenance visit. Run by
 * console.e2e-spec.ts on the system the journeys share: Ada, her orders and serial numbers are this
 * run's and hers alone.
 */
export function customerJourney(session: ConsoleSession): void {
  describe('console: the customer', () => customerTests(session));
}

/** The tests in the journey's describe (their own function: declared as they were in their own suite). */
function customerTests(session: ConsoleSession): void {
  const { system } = session;
  const contexts = new JourneyContexts(session);
  const customerId = `C-ADA-${system.run}`;
  let context: BrowserContext;
  let page: Page;
  let bought: Bought;

  beforeAll(async () => {
    context = await contexts.open({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    bought = await buyAdasAppliances(system, customerId);
  });

  afterAll(() => contexts.close());

  const card = (applianceId: string): Locator => page.locator(`article[data-appliance="${applianceId}"]`);

  it('signs in and sees both appliances with their status and warranty end', async () => {
    await page.goto(`${system.url}/`);
    await page.getByLabel('Role').selectOption('customer');
    await page.getByLabel('Customer id').fill(customerId);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My appliances' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customer');

    const washer = card(bought.washerId);
    await washer.getByRole('heading', { name: 'Acme WM8 (washing machine)' }).waitFor({ timeout: 60_000 });
    expect(await washer.locator('.status').textContent()).toBe('registered');
    const warrantyEnd = new Date(Date.now() - 60_000);
    warrantyEnd.setUTCMonth(warrantyEnd.getUTCMonth() + 24);
    expect(await washer.locator('dl').textContent()).toContain(
      `Warranty until${warrantyEnd.toISOString().slice(0, 10)}`,
    );
    await card(bought.dishwasherId).getByRole('heading', { name: 'Acme DW6 (dishwasher)' }).waitFor();
  });

  it('reports E21 on the washing machine, gets guidance, answers that it helped: the case is completed', async () => {
    const washer = card(bought.washerId);
    // a report diagnostics refuses is told in words, naming the field
    await washer.getByLabel('What is wrong?').fill('ab');
    await washer.getByRole('button', { name: 'Report the problem' }).click();
    await washer
      .getByRole('alert')
      .getByText(/symptoms: describe the problem in a few words/)
      .waitFor();
    await washer.getByLabel('What is wrong?').fill('Water left in the drum');
    await washer.getByLabel('Error code on the display (if any)').fill('E21');
    const guidance = washer.getByRole('heading', { name: 'Try this first' });
    // diagnostics learns of the appliance from its registration event: until then it answers 404, in words
    await waitFor(
      async () => {
        if (!(await washer.getByRole('button', { name: 'Report the problem' }).isVisible())) return true;
        await washer.getByRole('button', { name: 'Report the problem' }).click();
        await Promise.race([guidance.waitFor(), washer.getByRole('alert').waitFor()]);
        return guidance.isVisible();
      },
      { timeoutMs: 60_000, what: 'the problem report accepted' },
    );
    expect(await washer.locator('.guidance ol').textContent()).toContain('Unscrew the filter anticlockwise');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer-guidance');
    await washer.screenshot({ path: path.join(SCREENSHOTS, 'customer-guidance-card.png') });

    await washer.getByRole('button', { name: 'Yes, it is fixed' }).click();
    await washer.getByText('Last problem: Water left in the drum: completed (resolved)').waitFor();
    const cases = await system.call('GET', 'diagnostics', `cases?applianceId=${bought.washerId}`, { role: 'admin' });
    expect(cases.body.items).toEqual([
      expect.objectContaining({
        errorCode: 'E21',
        state: 'completed',
        outcome: 'resolved',
        guidanceOutcome: expect.objectContaining({ fixed: true }),
      }),
    ]);
    await washer.locator('.status', { hasText: 'resolved' }).waitFor();
    await washer.getByText(/^Timeline/).click();
    const timeline = washer.getByRole('list', { name: 'Timeline' });
    await timeline.locator('li[data-type="diagnosis.completed"]').waitFor();
    expect(await timeline.locator('li[data-type="diagnosis.guidance-sent"]').count()).toBe(1);
  });

  it('moves the dishwasher installation to another offered time: dispatch holds the new window', async () => {
    const dishwasher = card(bought.dishwasherId);
    const appointment = dishwasher.locator('.appointment');
    await appointment.getByText(/^installation /).waitFor({ timeout: 90_000 });
    const before = (await appointment.textContent()) ?? '';
    await dishwasher.getByRole('button', { name: 'Change the appointment' }).click();
    const offers = dishwasher.getByRole('list', { name: 'Offered times' }).getByRole('button');
    await offers.first().waitFor();
    const labels = await offers.allTextContents();
    const label =
      labels.find((l) => !before.includes(l.replace(/^Move to /, '').replace(/ with .*$/, ''))) ?? labels[1];
    const moved = label.replace(/^Move to /, '');
    await dishwasher.getByRole('button', { name: label }).click();
    await appointment.getByText(`installation ${moved}`).waitFor({ timeout: 30_000 });

    const [, date, time] = /^(\S+) (\d\d:\d\d) UTC/.exec(moved) ?? [];
    const installation = await system.call('GET', 'sales-installation', `installations/${bought.installationId}`, {
      role: 'admin',
    });
    const order = await system.call('GET', 'dispatch', `work-orders/${installation.body.workOrderId}`, {
      role: 'admin',
    });
    expect(order.body).toMatchObject({ status: 'assigned', window: { from: `${date}T${time}:00.000Z` } });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'customer-appliances');
  });

  it('cancels the second installation with a reason: dispatch and sales hold it cancelled', async () => {
    const second = card(bought.secondWasherId);
    await second
      .locator('.appointment')
      .getByText(/^installation /)
      .waitFor({ timeout: 90_000 });
    const installation = `installations/${bought.secondWasherInstallationId}`;
    const booked = await system.call('GET', 'sales-installation', installation, { role: 'admin' });
    await second.getByText('Cancel the appointment', { exact: true }).first().click();
    await second.getByLabel('Why?').fill('We are moving house');
    await second.getByRole('button', { name: 'Cancel the appointment' }).click();
    await second.locator('.status', { hasText: 'installation cancelled' }).waitFor({ timeout: 30_000 });
    expect(await second.locator('.appointment').textContent()).toBe('none booked');

    const order = await system.call('GET', 'dispatch', `work-orders/${booked.body.workOrderId}`, { role: 'admin' });
    expect(order.body.status).toBe('cancelled');
    const job = await system.call('GET', 'sales-installation', installation, { role: 'admin' });
    expect(job.body).toMatchObject({
      status: 'cancelled',
      visits: [expect.objectContaining({ outcome: 'cancelled', by: 'customer', workOrderId: booked.body.workOrderId })],
    });
  });

  it('sets quiet hours: notifications hold them', async () => {
    await page.getByLabel('Quiet from').fill('22:00');
    await page.getByLabel('Quiet until').fill('07:00');
    await page.getByLabel('Time zone (e.g. Europe/London)').fill('Europe/London');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByRole('status').getByText('Preferences saved.').waitFor();
    const recipient = await system.call('GET', 'notifications', `recipients/${customerId}`, { role: 'dispatcher' });
    expect(recipient.body.preferences.quietHours).toEqual({ from: '22:00', to: '07:00', timezone: 'Europe/London' });
  });

  it('rates the installation from the survey link in the completion message of the feed', async () => {
    await carryOutInstallation(system, bought.installationId);
    await card(bought.dishwasherId).locator('.status', { hasText: 'installed' }).waitFor({ timeout: 60_000 });
    const message = page.locator('.feed li[data-event-type="installation.completed.v1"]');
    await message.getByRole('link', { name: 'Rate this job' }).waitFor({ timeout: 60_000 });
    // the same survey is offered on the appliance itself
    const onCard = card(bought.dishwasherId).getByRole('link', { name: 'Rate this job' });
    expect(await onCard.getAttribute('href')).toBe(
      await message.getByRole('link', { name: 'Rate this job' }).getAttribute('href'),
    );
    const [survey] = await Promise.all([
      context.waitForEvent('page'),
      message.getByRole('link', { name: 'Rate this job' }).click(),
    ]);
    await survey.getByLabel('5').check();
    await survey.getByLabel('Yes').check();
    await survey.getByRole('button', { name: 'Send' }).click();
    await survey.getByRole('heading', { name: 'Thank you' }).waitFor();
    await survey.close();

    const kpis = await system.call('GET', 'portal', 'kpis', { role: 'admin' });
    expect(kpis.body.overall.csat).toMatchObject({ responses: 1, meanRating: 5 });
    expect(system.consoleLog).not.toMatch(/Bearer|eyJ/);
  });

  it("moves the boiler's planned maintenance visit to another offered time", async () => {
    const boilerId = await buyAdasBoiler(system, customerId);
    const boiler = card(boilerId);
    const appointment = boiler.locator('.appointment');
    await appointment.getByText(/^maintenance /).waitFor({ timeout: 90_000 });
    const before = (await appointment.textContent()) ?? '';
    await boiler.getByRole('button', { name: 'Change the appointment' }).click();
    const offers = boiler.getByRole('list', { name: 'Offered times' }).getByRole('button');
    await offers.first().waitFor();
    const labels = await offers.allTextContents();
    const label =
      labels.find((l) => !before.includes(l.replace(/^Move to /, '').replace(/ with .*$/, ''))) ?? labels[1];
    const moved = label.replace(/^Move to /, '');
    await boiler.getByRole('button', { name: label }).click();
    await appointment.getByText(`maintenance ${moved}`).waitFor({ timeout: 30_000 });

    const [, date, time] = /^(\S+) (\d\d:\d\d) UTC/.exec(moved) ?? [];
    const plan = await system.call('GET', 'sales-installation', `appliances/${boilerId}/maintenance`, {
      role: 'admin',
    });
    const order = await system.call('GET', 'dispatch', `work-orders/${plan.body.booking.workOrderId}`, {
      role: 'admin',
    });
    expect(order.body).toMatchObject({
      kind: 'maintenance',
      status: 'assigned',
      window: { from: `${date}T${time}:00.000Z` },
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

/** The booked technician starts and completes the installation with every checklist item done. */
async function carryOutInstallation(system: ConsoleSystem, installationId: string): Promise<void> {
  const job = await system.call('GET', 'sales-installation', `installations/${installationId}`, { role: 'admin' });
  const token = await system.token('technician', { technicianId: job.body.technicianId });
  const base = `${system.services.url('sales-installation')}/api/v1/installations/${installationId}`;
  expect((await http('POST', `${base}/start`, { token })).status).toBe(200);
  const checklist = job.body.checklist.map((c: { item: string }) => ({ item: c.item, done: true }));
  const done = await http('POST', `${base}/complete`, { token, body: { checklist, customerTrained: true } });
  expect(done.status).toBe(200);
}
