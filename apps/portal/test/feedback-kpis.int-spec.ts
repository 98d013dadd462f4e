import { LinkSigner } from '@appliance-care/auth';
import { createEvent, EventData, eventDefinition, EventEnvelope, EventType, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, startTestService, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, KafkaProbe, TestEnv, uniqueSuffix, waitFor } from '@appliance-care/testing';

import { AppModule } from '../src/app.module';

const DAY = 24 * 3600_000;

describe('portal feedback links and KPIs, through the real broker and store', () => {
  let env: TestEnv;
  let svc: RunningService;
  let probe: KafkaProbe;
  let dispatcher: string;
  const signer = new LinkSigner();
  const run = uniqueSuffix();
  const customerId = `C-${run}`;
  const washer = `APP-W-${run}`;
  const hob = `APP-H-${run}`;
  const ticketId = `RT-${run}`;
  const installed = `I-ok-${run}`;
  const failed = `I-bad-${run}`;
  const london = { line1: '1 High St', city: 'London', postalCode: 'E1 1AA', country: 'GB', region: 'london' };
  // a name with markup: the survey page must show it as text
  const fitterName = 'Ann <b>"Fitter"</b> & Co';

  const publish = async <T extends EventType>(type: T, data: EventData<T>, time: string): Promise<EventEnvelope> => {
    const event = createEvent({
      type,
      source: '/test',
      data,
      time,
      subject: (data as { applianceId: string }).applianceId,
    });
    await probe.publish(physicalTopic(eventDefinition(type).topic), event);
    return event;
  };
  const linkFor = (subject: string, ref: string, over: { expiresAt?: Date; customer?: string } = {}) =>
    signer.sign({
      purpose: 'feedback',
      subject,
      ref,
      customerId: over.customer ?? customerId,
      expiresAt: over.expiresAt ?? new Date(Date.now() + 30 * DAY),
    });
  const survey = (token: string, accept = 'application/json') =>
    http('GET', `${svc.url}/api/v1/feedback-links/${token}`, { headers: { accept } });
  const answer = (body: unknown, headers: Record<string, string> = {}) =>
    http('POST', `${svc.url}/api/v1/feedback`, { body, headers });
  const kpis = (token: string, query = `from=2026-01-01T00:00:00Z&to=${new Date(Date.now() + DAY).toISOString()}`) =>
    http('GET', `${svc.url}/api/v1/kpis?${query}`, { token });

  beforeAll(async () => {
    env = isolateTestEnv('portal-feedback');
    svc = await startTestService('portal', (c) => AppModule.register(c, { onTimeToleranceMinutes: 15 }), env);
    probe = new KafkaProbe(env.kafkaBrokers);
    await probe.watch([physicalTopic(Topics.portal)]);
    dispatcher = await tokenFor('dispatcher');
    await seedJobs();
  });
  afterAll(async () => {
    await probe?.close();
    await svc?.close();
  });

  /** A repair done first time in 2 h in london, one installation started on time, one started late that failed. */
  async function seedJobs(): Promise<void> {
    const registered = (applianceId: string, category: string) =>
      publish(
        'appliance.registered.v1',
        {
          applianceId,
          serialNumber: `SN-${applianceId}`,
          sku: 'SKU-1',
          category,
          brand: 'Acme',
          model: 'Quiet 8',
          customerId,
          orderId: `O-${run}`,
          purchasedAt: '2026-02-01T09:00:00Z',
          warrantyMonths: 24,
          warrantyEndsAt: '2028-02-01T09:00:00Z',
          installationRequired: true,
        },
        '2026-02-01T09:00:00Z',
      );
    await registered(washer, 'washing-machine');
    await registered(hob, 'gas-hob');
    await publish(
      'repair.ticket-opened.v1',
      {
        ticketId,
        applianceId: washer,
        customerId,
        caseId: `K-${run}`,
        category: 'washing-machine',
        requiredSkill: 'appliance-general',
        region: 'london',
        priority: 'normal',
        severity: 'medium',
        slaDueAt: '2026-03-05T08:00:00Z',
        durationMinutes: 60,
        coverage: { status: 'covered', reason: 'in warranty' },
        faults: [],
        parts: [],
        openedAt: '2026-03-02T08:00:00Z',
      },
      '2026-03-02T08:00:00Z',
    );
    await publish(
      'work-order.assigned.v1',
      {
        workOrderId: `WO-repair-${ticketId}-1`,
        kind: 'repair',
        sourceId: ticketId,
        applianceId: washer,
        customerId,
        technicianId: `T-1-${run}`,
        technicianName: fitterName,
        window: { from: '2026-03-02T09:00:00Z', to: '2026-03-02T11:00:00Z' },
        reason: 'nearest',
        address: london,
      },
      '2026-03-02T08:01:00Z',
    );
    await publish(
      'repair.completed.v1',
      {
        ticketId,
        applianceId: washer,
        customerId,
        technicianId: `T-1-${run}`,
        at: '2026-03-02T10:00:00Z',
        workDone: 'new drain pump',
        partsUsed: [],
        labourMinutes: 50,
        signedOffBy: 'Ada',
        firstTimeFix: true,
      },
      '2026-03-02T10:00:00Z',
    );
    await installation(installed, washer, '2026-03-03T09:00:00Z', '2026-03-03T09:10:00Z', 'completed');
    await installation(failed, hob, '2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z', 'failed');
  }

  async function installation(id: string, applianceId: string, windowFrom: string, startedAt: string, end: string) {
    const ref = { installationId: id, applianceId, customerId };
    const technicianId = `T-2-${run}`;
    const window = { from: windowFrom, to: new Date(Date.parse(windowFrom) + 2 * 3600_000).toISOString() };
    await publish(
      'installation.requested.v1',
      {
        ...ref,
        category: 'oven',
        requiredSkill: 'gas-safe',
        region: 'cardiff',
        durationMinutes: 90,
        priority: 'normal',
        attempt: 1,
        requestedAt: '2026-03-01T09:00:00Z',
      },
      '2026-03-01T09:00:00Z',
    );
    const booking = { workOrderId: `WO-installation-${id}-1`, technicianId, technicianName: 'Bo Builder', window };
    await publish(
      'work-order.assigned.v1',
      { ...booking, kind: 'installation', sourceId: id, applianceId, customerId, reason: 'nearest' },
      '2026-03-01T09:01:00Z',
    );
    await publish('installation.scheduled.v1', { ...ref, ...booking, attempt: 1 }, '2026-03-01T09:01:01Z');
    await publish('installation.started.v1', { ...ref, technicianId, startedAt }, startedAt);
    const endAt = new Date(Date.parse(startedAt) + 3600_000).toISOString();
    if (end === 'completed')
      await publish(
        'installation.completed.v1',
        { ...ref, technicianId, completedAt: endAt, checklist: [{ item: 'level', done: true }], customerTrained: true },
        endAt,
      );
    else
      await publish(
        'installation.failed.v1',
        { ...ref, technicianId, reason: 'no gas supply', failedAt: endAt },
        endAt,
      );
  }

  it('computes the KPIs from the events it consumed: dispatchers and admins only', async () => {
    const report = await waitFor(
      async () => {
        const res = await kpis(dispatcher);
        return res.status === 200 &&
          res.body.overall.installations.finished === 2 &&
          res.body.overall.repairs.completed === 1
          ? res.body
          : undefined;
      },
      { timeoutMs: 60_000, what: 'KPIs over the seeded jobs' },
    );
    expect(report.overall.repairs).toEqual({ completed: 1, firstTimeFixRate: 1, meanTimeToRepairMinutes: 120 });
    expect(report.overall.installations).toEqual({
      started: 2,
      onTimeStarts: 1,
      onTimeStartRate: 0.5,
      finished: 2,
      failed: 1,
      failedShare: 0.5,
    });
    expect(report.byRegion.map((r: { region: string }) => r.region)).toEqual(['cardiff', 'london']);
    expect(report.byTechnician).toEqual([
      expect.objectContaining({
        technicianId: `T-1-${run}`,
        technicianName: fitterName,
        repairs: expect.objectContaining({ completed: 1 }),
      }),
      expect.objectContaining({ technicianId: `T-2-${run}`, installations: expect.objectContaining({ failed: 1 }) }),
    ]);
    // a period without any of it: nothing counted, rates null
    const empty = await kpis(dispatcher, 'from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z');
    expect(empty.body.overall.repairs).toEqual({ completed: 0, firstTimeFixRate: null, meanTimeToRepairMinutes: null });
    expect((await kpis(await tokenFor('admin'))).status).toBe(200);
    expect((await kpis(await tokenFor('customer', { customerId }))).status).toBe(403);
    expect((await kpis(await tokenFor('technician', { technicianId: `T-1-${run}` }))).status).toBe(403);
    expect((await http('GET', `${svc.url}/api/v1/kpis`)).status).toBe(401);
    const bad = await kpis(dispatcher, 'from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('from');
  });

  it('takes feedback through a link once per job, publishes customer.feedback-given.v1, and counts it as CSAT', async () => {
    const token = await linkFor(ticketId, 'repair');
    const about = await waitFor(
      async () => {
        const res = await survey(token);
        return res.status === 200 ? res.body : undefined;
      },
      { timeoutMs: 60_000, what: 'the survey of the repair' },
    );
    expect(about).toMatchObject({
      kind: 'repair',
      sourceId: ticketId,
      workOrderId: `WO-repair-${ticketId}-1`,
      appliance: { category: 'washing-machine', brand: 'Acme', model: 'Quiet 8' },
      technician: { id: `T-1-${run}`, name: fitterName },
      when: '2026-03-02T10:00:00.000Z',
      answerAt: '/api/v1/feedback',
    });
    const page = await survey(token, 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.body).toContain('<form method="post" action="/api/v1/feedback">');
    expect(page.body).toContain('Ann &lt;b&gt;&quot;Fitter&quot;&lt;/b&gt; &amp; Co');
    expect(page.body).not.toContain('<b>"Fitter"</b>');
    expect(page.body).not.toMatch(/<script|https?:\/\//);

    // a caller's bearer token changes nothing: the link is the credential
    const bearer = { authorization: `Bearer ${await tokenFor('customer', { customerId })}` };
    const given = await answer({ token, rating: 5, comment: 'quick and tidy', fixedFirstTime: true }, bearer);
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ feedbackId: `FB-repair-${ticketId}`, rating: 5, technicianId: `T-1-${run}` });
    const again = await answer({ token: await linkFor(ticketId, 'repair'), rating: 1, fixedFirstTime: false });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect([given.headers.get('cache-control'), again.headers.get('cache-control')]).toEqual(['no-store', 'no-store']);
    expect((await survey(token)).status).toBe(409);

    const [published] = await probe.waitForEvents('customer.feedback-given.v1', 1, 60_000, (e) => e.subject === washer);
    expect(published.data).toEqual({
      feedbackId: `FB-repair-${ticketId}`,
      workOrderId: `WO-repair-${ticketId}-1`,
      kind: 'repair',
      sourceId: ticketId,
      applianceId: washer,
      customerId,
      technicianId: `T-1-${run}`,
      region: 'london',
      rating: 5,
      comment: 'quick and tidy',
      fixedFirstTime: true,
      givenAt: expect.any(String),
    });
    expect(published.source).toBe('/appliance-care/portal');

    // the customer's own timeline shows it (the portal consumes its own event like every other)
    const owner = await tokenFor('customer', { customerId });
    await waitFor(
      async () => {
        const res = await http('GET', `${svc.url}/api/v1/appliances/${washer}/timeline`, { token: owner });
        return res.body.entries?.some((e: { type: string }) => e.type === 'customer.feedback-given');
      },
      { timeoutMs: 60_000, what: 'the feedback on the timeline' },
    );
    const report = await waitFor(
      async () => {
        const res = await kpis(dispatcher);
        return res.body.overall?.csat.responses === 1 ? res.body : undefined;
      },
      { what: 'CSAT of one response' },
    );
    expect(report.overall.csat).toEqual({
      responses: 1,
      meanRating: 5,
      satisfiedShare: 1,
      customerReportedFirstTimeFixRate: 1,
    });
    expect(probe.events('customer.feedback-given.v1').filter((e) => e.subject === washer)).toHaveLength(1);
  });

  it("answers the survey page's form with a page, and names the field of a bad answer", async () => {
    const token = await linkFor(failed, 'installation');
    const form = new URLSearchParams({ token, rating: '9', fixedFirstTime: 'no', comment: '' }).toString();
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const bad = await answer(form, formHeaders);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'rating' })]);
    const huge = await answer(new URLSearchParams({ token, comment: 'x'.repeat(40_000) }).toString(), formHeaders);
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    const missing = await answer({ token, rating: 3 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'fixedFirstTime' })]);

    const ok = new URLSearchParams({ token, rating: '2', fixedFirstTime: 'false', comment: 'came back twice' });
    const page = await answer(ok.toString(), { ...formHeaders, accept: 'text/html' });
    expect(page.status).toBe(201);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('Thank you');
    const twice = await answer(ok.toString(), { ...formHeaders, accept: 'text/html' });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Already answered');
    const [event] = await probe.waitForEvents('customer.feedback-given.v1', 1, 60_000, (e) => e.subject === hob);
    expect(event.data).toMatchObject({
      kind: 'installation',
      sourceId: failed,
      rating: 2,
      fixedFirstTime: false,
      region: 'cardiff',
    });
  });

  it('refuses bad links with 404 or 410, never 401 or 403', async () => {
    const forged = await new LinkSigner('someone-else-s-key-that-is-long-enough').sign({
      purpose: 'feedback',
      subject: installed,
      ref: 'installation',
      customerId,
      expiresAt: new Date(Date.now() + DAY),
    });
    const expired = await linkFor(installed, 'installation', { expiresAt: new Date(Date.now() - 60_000) });
    const appointment = await signer.sign({
      purpose: 'appointment',
      subject: `WO-installation-${installed}-1`,
      ref: '2026-03-03T09:00:00Z',
      customerId,
      expiresAt: new Date(Date.now() + DAY),
    });
    const unknownJob = await linkFor(`I-nobody-${run}`, 'installation');
    const otherCustomer = await linkFor(installed, 'installation', { customer: `C-other-${run}` });
    const notAKind = await linkFor(installed, 'oven');
    const cases: [string, string, number][] = [
      ['forged', forged, 404],
      ['expired', expired, 410],
      ['an appointment link', appointment, 404],
      ['an unknown job', unknownJob, 404],
      ["another customer's", otherCustomer, 404],
      ['no job kind', notAKind, 404],
      ['garbage', 'not-a-token', 404],
    ];
    const answers: [string, number, number][] = [];
    for (const [what, token] of cases) {
      const read = await survey(token);
      const post = await answer({ token, rating: 4, fixedFirstTime: true });
      answers.push([what, read.status, post.status]);
      expect(read.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(answers).toEqual(cases.map(([what, , status]) => [what, status, status]));
    const page = await survey(expired, 'text/html');
    expect(page.status).toBe(410);
    expect(page.body).toContain('This link has expired');
    // none of them was stored: the job can still be rated through a good link
    expect((await survey(await linkFor(installed, 'installation'))).status).toBe(200);
  });
});
