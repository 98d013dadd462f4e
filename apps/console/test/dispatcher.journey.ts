import { Page } from 'playwright-core';

import { waitFor } from '@appliance-care/testing';

import { screenshot, seriousViolations } from './support/browser';
import { ConsoleSession, JourneyContexts } from './support/console-session';
import { ConsoleSystem } from './support/console-system';

/**
 * The dispatcher's journey (README, "Tested in a real browser"): the sign-in page, Gwen's gas hob in
 * Cardiff that nobody covers arriving on the board and placed with Rhys from Bristol with an override
 * reason, the board narrowed and shown a week, and Gwen's overdue boiler in the maintenance list. Run
 * by console.e2e-spec.ts on the system the journeys share: Gwen, her orders and serial numbers are
 * this run's and hers alone, and nobody else's work is in Cardiff or Bristol.
 */
export function dispatcherJourney(session: ConsoleSession): void {
  describe('console: the dispatcher', () => dispatcherTests(session));
}

/** The next weekday at least two days ahead (the seeded technicians work Monday to Friday). */
function nextWorkday(): string {
  let day = new Date(Date.now() + 2 * 86_400_000);
  while ([0, 6].includes(day.getUTCDay())) day = new Date(day.getTime() + 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** Gwen Evans of Cardiff, who buys both of the dispatcher journey's appliances. */
const gwenInCardiff = (system: ConsoleSystem) => ({
  id: `C-GWEN-${system.run}`,
  name: 'Gwen Evans',
  email: `gwen.${system.run}@example.org`,
  address: { line1: '1 Castle Street', city: 'Cardiff', postalCode: 'CF10 1BS', country: 'GB', region: 'cardiff' },
});

/** Gwen's gas hob in Cardiff, which nobody covers (README tour, step 7): dispatch answers unassignable. */
async function buyGasHobInCardiff(system: ConsoleSystem): Promise<string> {
  const res = await system.call('POST', 'sales-installation', 'purchases', {
    role: 'sales-system',
    body: {
      orderId: `ORD-CONSOLE-${system.run}`,
      purchasedAt: new Date(Date.now() - 60_000).toISOString(),
      customer: gwenInCardiff(system),
      items: [
        {
          lineId: '1',
          sku: 'GH-60',
          category: 'gas-hob',
          serialNumber: `ACM-GH60-${system.run}`,
          warrantyMonths: 24,
          installation: { required: true },
        },
      ],
    },
  });
  expect(res.status).toBe(202);
  return res.body.appliances[0].installationId;
}

/** Gwen's boiler, bought 400 days ago and never serviced: its annual service is overdue at once. */
async function buyOverdueBoilerInCardiff(system: ConsoleSystem): Promise<string> {
  const res = await system.call('POST', 'sales-installation', 'purchases', {
    role: 'sales-system',
    body: {
      orderId: `ORD-CONSOLE-BOILER-${system.run}`,
      purchasedAt: new Date(Date.now() - 400 * 86_400_000).toISOString(),
      customer: gwenInCardiff(system),
      items: [
        {
          lineId: '1',
          sku: 'BO-30',
          category: 'boiler',
          // not Ada's ACM-BO30-<run> (the customer's journey, on the same system): a serial is registered once
          serialNumber: `ACM-BO30-D-${system.run}`,
          warrantyMonths: 24,
          installation: { required: false },
        },
      ],
    },
  });
  expect(res.status).toBe(202);
  return res.body.appliances[0].applianceId;
}

/** The tests in the journey's describe (their own function: declared as they were in their own suite). */
function dispatcherTests(session: ConsoleSession): void {
  const { system } = session;
  const contexts = new JourneyContexts(session);
  let page: Page;

  beforeAll(async () => {
    // axe-core needs a page of an explicit context
    const context = await contexts.open({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  });

  afterAll(() => contexts.close());

  it('signs in, sees an order nobody can take arrive, places it with an override reason and sees it on the board', async () => {
    await page.goto(`${system.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'login');
    await page.getByLabel('Role').selectOption('dispatcher');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Schedule board' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/dispatcher');
    await page.locator('tr[data-technician="T-BRS-001"]').waitFor();
    expect(await page.locator('tr[data-technician]').count()).toBe(12);

    // bought while the board is open: it arrives by itself (the board polls), no reload
    const installationId = await buyGasHobInCardiff(system);
    const order = await waitFor(
      async () => {
        const board = await system.call('GET', 'dispatch', 'board', { role: 'dispatcher' });
        // with its reason once dispatch has tried every technician
        return board.body.unassigned?.find(
          (o: { sourceId: string; reason?: string }) => o.sourceId === installationId && o.reason,
        );
      },
      { timeoutMs: 90_000, what: 'the gas hob installation on the board as unassignable' },
    );
    const entry = page.locator(`li[data-work-order="${order.workOrderId}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain(order.reason);
    expect(order.reason).toMatch(/cardiff/);

    const day = nextWorkday();
    await placeWithOverride(page, order.workOrderId, day);

    await page.getByLabel('Day', { exact: true }).fill(day);
    const booking = page.locator('tr[data-technician="T-BRS-001"]').getByRole('button', {
      name: new RegExp(`Installation ${order.workOrderId}, assigned, ${day} 13:00 UTC`),
    });
    await booking.waitFor();
    await entry.waitFor({ state: 'detached' });

    const stored = await system.call('GET', 'dispatch', `work-orders/${order.workOrderId}`, { role: 'dispatcher' });
    expect(stored.body).toMatchObject({
      status: 'assigned',
      technicianId: 'T-BRS-001',
      window: { from: `${day}T13:00:00.000Z` },
      override: { failedChecks: ['region'], reason: 'Rhys covers Cardiff this week' },
    });

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dispatcher-board');
    expect(system.consoleLog).not.toMatch(/Bearer|eyJ/);
  });

  it('narrows the board by region and skill, and shows a week', async () => {
    await page.getByLabel('Region').selectOption('bristol');
    await expectRows(page, ['T-BHM-002', 'T-BRS-001', 'T-LDN-002']);
    await page.getByLabel('Skill').selectOption('gas-safe');
    await expectRows(page, ['T-BRS-001']);
    await page.getByRole('button', { name: 'Show week' }).click();
    await page.getByRole('button', { name: 'Show day' }).waitFor();
    // the placed installation is in this week too
    await page
      .locator('tr[data-technician="T-BRS-001"]')
      .getByRole('button', { name: /^Installation / })
      .waitFor();
    expect(await page.locator('.schedule thead .axis span').count()).toBe(7);
    await screenshot(page, 'dispatcher-week');
  });

  it('lists an appliance whose maintenance is overdue, with the work order that serves it', async () => {
    const applianceId = await buyOverdueBoilerInCardiff(system);
    const row = await waitFor(
      async () => {
        const board = await system.call('GET', 'dispatch', 'board', { role: 'dispatcher' });
        const found = board.body.maintenanceOverdue?.find(
          (r: { applianceId: string }) => r.applianceId === applianceId,
        );
        return found?.workOrderId ? found : undefined;
      },
      { timeoutMs: 90_000, what: "the boiler's overdue maintenance on the board with its work order" },
    );
    const entry = page.locator(`.work-panel li[data-appliance="${applianceId}"]`);
    await entry.getByText(`work order ${row.workOrderId}`, { exact: false }).waitFor({ timeout: 30_000 });
    expect(await entry.innerText()).toMatch(/Annual gas-safety service[\s\S]*cardiff · due /);
    await page.getByRole('heading', { name: /^Maintenance overdue \(\d+\)$/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

/** The placement dialog: a first try, dispatch's answer naming the failed check, then the reason. */
async function placeWithOverride(page: Page, workOrderId: string, day: string): Promise<void> {
  await page
    .locator(`li[data-work-order="${workOrderId}"]`)
    .getByRole('button', { name: `Place ${workOrderId}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Place ${workOrderId}` });
  await dialog.getByLabel('Technician').selectOption('T-BRS-001');
  await dialog.getByLabel('Start (UTC)').fill(`${day}T13:00`);
  await dialog.getByRole('button', { name: 'Place' }).click();
  const checks = dialog.locator('.checks');
  await checks.waitFor();
  expect(await checks.textContent()).toMatch(/T-BRS-001 fails region.*overrideReason is required/);
  await dialog.getByLabel('Reason for the override').fill('Rhys covers Cardiff this week');
  await screenshot(page, 'dispatcher-override');
  await dialog.getByRole('button', { name: 'Place with override' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The technicians' rows on the board become these (by id; React applies a filter on its next render). */
async function expectRows(page: Page, expected: string[]): Promise<void> {
  const read = async () =>
    (
      await page
        .locator('tr[data-technician]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-technician')))
    ).sort();
  await waitFor(async () => JSON.stringify(await read()) === JSON.stringify(expected), { timeoutMs: 10_000 }).catch(
    () => undefined,
  );
  expect(await read()).toEqual(expected);
}
