import { LinkSigner } from '@appliance-care/auth';
import { Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';
import { dayAhead, installationRequested, technicianBody } from './dispatch-fixtures';

const REGION = 'exeter';

/** Issue 17 item 2: the signed appointment links of booking mails and SMS, with no login. */
describe('appointment links, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  // the service's own key: the development default of LINK_SIGNING_SECRET, as notifications signs with it
  const signer = new LinkSigner();
  const forSource = (sourceId: string) => (e: { data: unknown }) =>
    (e.data as { sourceId: string }).sourceId === sourceId;
  const linkUrl = (token: string, action = '') => `${svc.url}/api/v1/appointment-links/${token}${action}`;

  beforeAll(async () => {
    env = isolateTestEnv('dispatch-appointment-links');
    svc = await startTestService('dispatch', (config) => AppModule.register(config), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.dispatch)]);
    dispatcher = await tokenFor('dispatcher', {}, 'D-LINKS');
    for (const id of ['T-EXE-1', 'T-EXE-2']) {
      const res = await http('POST', `${svc.url}/api/v1/technicians`, {
        token: dispatcher,
        body: technicianBody(id, { homeRegion: REGION, name: id === 'T-EXE-1' ? 'Ada <Lovelace>' : 'Grace Hopper' }),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** A booked installation, and the link its booking mail would carry (as notifications signs it). */
  async function bookedWithLink(installationId: string) {
    await probe.publish(
      physicalTopic(Topics.salesInstallation),
      installationRequested(installationId, {
        region: REGION,
        preferredWindow: { from: `${dayAhead(9)}T08:00:00Z`, to: `${dayAhead(9)}T17:00:00Z` },
      }),
    );
    const [assigned] = await probe.waitForEvents('work-order.assigned.v1', 1, 30_000, forSource(installationId));
    const data = assigned.data as { workOrderId: string; customerId: string; window: { from: string } };
    const claims = {
      purpose: 'appointment' as const,
      subject: data.workOrderId,
      customerId: data.customerId,
      ref: data.window.from,
      expiresAt: new Date(data.window.from),
    };
    return { workOrderId: data.workOrderId, claims, token: await signer.sign(claims) };
  }

  it('shows the appointment and its offers as JSON, and as a self-contained page to a browser', async () => {
    const { workOrderId, token } = await bookedWithLink('INST-EXE-1');
    const json = await http('GET', linkUrl(token));
    expect(json.status).toBe(200);
    expect(json.body.appointment).toMatchObject({ workOrderId, kind: 'installation', status: 'assigned' });
    expect(json.body.appointment.technicianName).toBeDefined();
    expect(json.body.offers.slots.length).toBeGreaterThanOrEqual(5);
    expect(json.body.notice).toContain('once');

    const page = await http('GET', linkUrl(token), {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = page.body as string;
    expect(html.match(/<form method="post" action="[^"]+\/reschedule">/g)?.length).toBe(json.body.offers.slots.length);
    expect(html).toContain(`action="${token}/cancel"`);
    // escaped, and nothing loaded from elsewhere
    expect(html).toContain('Ada &lt;Lovelace&gt;');
    expect(html).not.toContain('<Lovelace>');
    expect(html).not.toMatch(/<script|src=|href=|https?:\/\//);
  });

  it('refuses a forged link or one for another purpose (404), an expired one (410), another customer’s (404)', async () => {
    const { claims, token } = await bookedWithLink('INST-EXE-2');
    const forged = await new LinkSigner('someone-else-s-secret-of-enough-length').sign(claims);
    const refusals: [string, string, number][] = [
      ['forged', forged, 404],
      ['tampered', `${token.slice(0, -2)}xx`, 404],
      ['not a token', 'not-a-token', 404],
      ['feedback link', await signer.sign({ ...claims, purpose: 'feedback' }), 404],
      ['expired', await signer.sign({ ...claims, expiresAt: new Date(Date.now() - 60_000) }), 410],
      ['other customer', await signer.sign({ ...claims, customerId: 'C-someone-else' }), 404],
      ['unknown order', await signer.sign({ ...claims, subject: 'WO-installation-nope-1' }), 404],
    ];
    for (const [what, link, status] of refusals) {
      for (const res of [
        await http('GET', linkUrl(link)),
        await http('POST', linkUrl(link, '/cancel'), { body: { reason: 'no' } }),
      ]) {
        expect({ what, status: res.status }).toEqual({ what, status });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    }
    // a browser gets a page saying so, with the same status
    const page = await http('GET', linkUrl(forged), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.body).toContain('this link is not valid');
    // nothing was cancelled by any of them
    expect(probe.events('work-order.cancelled.v1').filter(forSource('INST-EXE-2'))).toEqual([]);
  });

  it('moves the appointment once: the link is stale (409) after the move, the next link works', async () => {
    const { workOrderId, claims, token } = await bookedWithLink('INST-EXE-3');
    const offers = (await http('GET', linkUrl(token))).body.offers.slots;
    const target = offers[offers.length - 1];
    const moved = await http('POST', linkUrl(token, '/reschedule'), {
      body: { slot: { technicianId: target.technicianId, start: target.window.from } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ workOrderId, status: 'assigned', window: target.window });
    const [rescheduled] = await probe.waitForEvents('work-order.rescheduled.v1', 1, 30_000, forSource('INST-EXE-3'));
    expect(rescheduled.data).toMatchObject({ rescheduledBy: 'customer', via: 'link', window: target.window });

    for (const res of [
      await http('GET', linkUrl(token)),
      await http('POST', linkUrl(token, '/reschedule'), {
        body: { slot: { technicianId: offers[0].technicianId, start: offers[0].window.from } },
      }),
      await http('POST', linkUrl(token, '/cancel'), { body: {} }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('link-stale');
    }

    // the confirmation's link (the new start), used from the page's form in a browser
    const next = await signer.sign({ ...claims, ref: target.window.from, expiresAt: new Date(target.window.from) });
    const form = new URLSearchParams({ technicianId: offers[0].technicianId, start: offers[0].window.from });
    const page = await http('POST', linkUrl(next, '/reschedule'), {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Your appointment has moved');
    const view = await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher });
    expect(view.body).toMatchObject({ technicianId: offers[0].technicianId, window: offers[0].window });
  });

  it('cancels from the page’s form: work-order.cancelled.v1 by the customer via the link, the slot freed', async () => {
    const { workOrderId, token } = await bookedWithLink('INST-EXE-4');
    const before = (await http('GET', `${svc.url}/api/v1/work-orders/${workOrderId}`, { token: dispatcher })).body;
    const page = await http('POST', linkUrl(token, '/cancel'), {
      body: 'reason=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Your appointment is cancelled');
    const [cancelled] = await probe.waitForEvents('work-order.cancelled.v1', 1, 30_000, forSource('INST-EXE-4'));
    expect(cancelled.data).toMatchObject({
      workOrderId,
      cancelledBy: 'customer',
      via: 'link',
      technicianId: before.technicianId,
      reason: 'cancelled by the customer through the appointment link',
    });
    const day = before.window.from.slice(0, 10);
    const calendar = await http(
      'GET',
      `${svc.url}/api/v1/technicians/${before.technicianId}/work-orders?from=${day}&to=${day}`,
      { token: dispatcher },
    );
    expect(calendar.body.workOrders.map((o: { workOrderId: string }) => o.workOrderId)).not.toContain(workOrderId);
    const again = await http('POST', linkUrl(token, '/cancel'), { body: { reason: 'again' } });
    expect(again.status).toBe(409);
  });

  it('validates what is posted (400 naming the field), after the link', async () => {
    const { token } = await bookedWithLink('INST-EXE-5');
    const bad = await http('POST', linkUrl(token, '/reschedule'), { body: { slot: { technicianId: 'T-EXE-1' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'slot.start' })]);
    const hostile = await http('POST', linkUrl(token, '/cancel'), {
      body: 'reason=a%00b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(hostile.status).toBe(400);
    // the link first: a forged one is not told what is wrong with the body
    expect((await http('POST', linkUrl('forged', '/reschedule'), { body: {} })).status).toBe(404);
  });
});
