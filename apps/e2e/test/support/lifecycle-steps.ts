import { waitFor } from '@appliance-care/testing';

import { Data, dataOf, E2eSystem, eventually, Inbox } from './e2e-system';

/**
 * The steps people take in a lifecycle, through the owning services' REST APIs, each waiting for
 * what the system must have done before the next one can be taken.
 */
export class LifecycleSteps {
  constructor(private readonly sys: E2eSystem) {}

  // --- installation (sales-installation) --------------------------------------------------------

  /** The nth time the appliance's installation was scheduled (dispatch booked a technician). */
  async scheduledInstallation(
    applianceId: string,
    nth = 1,
  ): Promise<{ installationId: string; technicianId: string; workOrderId: string; attempt: number }> {
    const d = dataOf(
      await this.sys.eventFor('installation.scheduled.v1', (e) => e['applianceId'] === applianceId, nth),
    );
    return {
      installationId: d['installationId'],
      technicianId: d['technicianId'],
      workOrderId: d['workOrderId'],
      attempt: d['attempt'],
    };
  }

  async startInstallation(installationId: string, technicianId: string): Promise<Data> {
    const res = await this.sys.call('POST', 'sales-installation', `installations/${installationId}/start`, {
      token: await this.technician(technicianId),
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'in-progress' } });
    return res.body;
  }

  async completeInstallation(installationId: string, technicianId: string): Promise<Data> {
    const token = await this.technician(technicianId);
    const checklist: { item: string }[] = (
      await this.sys.call('GET', 'sales-installation', `installations/${installationId}`, { token })
    ).body.checklist;
    expect(checklist.length).toBeGreaterThan(0);
    const res = await this.sys.call('POST', 'sales-installation', `installations/${installationId}/complete`, {
      token,
      body: { checklist: checklist.map((c) => ({ item: c.item, done: true })), customerTrained: true },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { status: 'completed' } });
    return res.body;
  }

  /** Scheduled → started → completed, by the booked technician. */
  async install(applianceId: string, nth = 1): Promise<{ installationId: string; technicianId: string }> {
    const booked = await this.scheduledInstallation(applianceId, nth);
    await this.carryOut(booked);
    return booked;
  }

  /** The booked technician starts and completes the installation. */
  async carryOut(booked: { installationId: string; technicianId: string }): Promise<void> {
    await this.startInstallation(booked.installationId, booked.technicianId);
    await this.completeInstallation(booked.installationId, booked.technicianId);
  }

  async installation(installationId: string): Promise<Data> {
    return (
      await this.sys.call('GET', 'sales-installation', `installations/${installationId}`, {
        token: await this.sys.dispatcher(),
      })
    ).body;
  }

  // --- problems and diagnosis (diagnostics) ----------------------------------------------------

  /** A customer's report, retried while diagnostics has not yet learnt of the appliance (404). */
  async reportProblem(
    applianceId: string,
    customerId: string,
    body: { symptoms: string; errorCode?: string },
  ): Promise<Data> {
    const token = await this.sys.token('customer', { customerId });
    return waitFor(
      async () => {
        const res = await this.sys.call('POST', 'diagnostics', `appliances/${applianceId}/problems`, {
          token,
          body,
          headers: { 'idempotency-key': `p-${applianceId}` },
        });
        if (res.status === 404) return undefined;
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
        return res.body as Data;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `problem report on ${applianceId}` },
    );
  }

  async guidanceOutcome(caseId: string, customerId: string, fixed: boolean): Promise<Data> {
    const res = await this.sys.call('POST', 'diagnostics', `cases/${caseId}/guidance-outcome`, {
      token: await this.sys.token('customer', { customerId }),
      body: { fixed },
    });
    expect({ status: res.status }).toEqual({ status: 200 });
    return res.body;
  }

  async case(caseId: string): Promise<Data> {
    return (await this.sys.call('GET', 'diagnostics', `cases/${caseId}`, { token: await this.sys.dispatcher() })).body;
  }

  /** The case once its visit is booked: the technician diagnostics learnt from dispatch. */
  async visitScheduled(caseId: string): Promise<Data> {
    return waitFor(
      async () => {
        const c = await this.case(caseId);
        return c.state === 'visit-scheduled' && c.technicianId ? c : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `case ${caseId} visit-scheduled` },
    );
  }

  async recordResults(caseId: string, technicianId: string, body: Data): Promise<Data> {
    const res = await this.sys.call('POST', 'diagnostics', `cases/${caseId}/results`, {
      token: await this.technician(technicianId),
      body,
    });
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 200,
      body: { state: 'completed', outcome: body['outcome'] },
    });
    return res.body;
  }

  // --- repairs -------------------------------------------------------------------------------

  async ticketOpened(caseId: string): Promise<Data> {
    return dataOf(await this.sys.eventFor('repair.ticket-opened.v1', (d) => d['caseId'] === caseId));
  }

  async ticket(ticketId: string): Promise<Data> {
    return (await this.sys.call('GET', 'repairs', `tickets/${ticketId}`, { token: await this.sys.dispatcher() })).body;
  }

  /** The ticket once repairs has learnt who holds it (other than `not`). */
  async ticketAssigned(ticketId: string, not?: string): Promise<Data> {
    return waitFor(
      async () => {
        const t = await this.ticket(ticketId);
        return t.status === 'assigned' && t.technicianId && t.technicianId !== not ? t : undefined;
      },
      {
        timeoutMs: 90_000,
        intervalMs: 300,
        what: `ticket ${ticketId} assigned${not ? ` to someone other than ${not}` : ''}`,
      },
    );
  }

  async repairStep(ticketId: string, technicianId: string, action: string, body?: Data): Promise<Data> {
    const res = await this.sys.call('POST', 'repairs', `tickets/${ticketId}/${action}`, {
      token: await this.technician(technicianId),
      body: body ?? {},
    });
    expect({ action, status: res.status, body: res.body }).toMatchObject({ action, status: 200 });
    return res.body;
  }

  /** accept → en route → start → complete, with the customer's mail at each step that tells them. */
  async repair(ticketId: string, technicianId: string, inbox: Inbox): Promise<Data> {
    expect(await this.repairStep(ticketId, technicianId, 'accept')).toMatchObject({ status: 'accepted' });
    expect(
      await this.repairStep(ticketId, technicianId, 'en-route', {
        eta: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).toMatchObject({ status: 'en-route' });
    await inbox.next('repair.en-route.v1');
    expect(await this.repairStep(ticketId, technicianId, 'start')).toMatchObject({ status: 'in-progress' });
    return this.completeRepair(ticketId, technicianId, inbox);
  }

  async completeRepair(ticketId: string, technicianId: string, inbox: Inbox): Promise<Data> {
    const done = await this.repairStep(ticketId, technicianId, 'complete', {
      workDone: 'Replaced the faulty part and tested a full cycle',
      partsUsed: [],
      labourMinutes: 75,
      signedOffBy: 'the customer',
    });
    expect(done).toMatchObject({ status: 'completed' });
    await inbox.next('repair.completed.v1');
    return done;
  }

  // --- portal --------------------------------------------------------------------------------

  /**
   * The appliance's story in the portal: its lifecycle entries (not notifications or work orders,
   * which interleave with them by delivery timing) in order, and its status.
   */
  async expectTimeline(
    applianceId: string,
    lifecycle: string[],
    status: string,
    workOrders: string[] = [],
  ): Promise<Data> {
    const kinds = (t: Data) => (t.entries ?? []).map((e: Data) => e['type'] as string);
    const story = (t: Data) =>
      kinds(t).filter((k: string) => !k.startsWith('notification.') && !k.startsWith('work-order.'));
    const orders = (t: Data) =>
      kinds(t)
        .filter((k: string) => k.startsWith('work-order.'))
        .sort();
    const t = await eventually(
      () => this.sys.timeline(applianceId),
      (v) =>
        JSON.stringify([story(v), v.status, orders(v)]) === JSON.stringify([lifecycle, status, [...workOrders].sort()]),
    );
    expect({ applianceId, lifecycle: story(t), status: t.status, workOrders: orders(t) }).toEqual({
      applianceId,
      lifecycle,
      status,
      workOrders: [...workOrders].sort(),
    });
    expect(
      t.entries.every((e: Data) => e['summary'].length > 0 && !Number.isNaN(Date.parse(e['time'])) && e['who']?.kind),
    ).toBe(true);
    return t;
  }

  // --- dispatch -------------------------------------------------------------------------------

  /** Dispatch's final word on every work order booked for the appliance, as `<kind> <status>`. */
  async expectWorkOrders(applianceId: string, expected: string[]): Promise<Data[]> {
    // The ids are read again on every poll: this test's own tap on the topic may lag behind the
    // services (the customer's mail about the assignment can arrive before the tap sees the event).
    const assignedIds = () => [
      ...new Set(
        this.sys
          .events('work-order.assigned.v1', (d) => d['applianceId'] === applianceId)
          .map((e) => dataOf(e)['workOrderId'] as string),
      ),
    ];
    const token = await this.sys.dispatcher();
    const read = () =>
      Promise.all(
        assignedIds().map(
          async (id) => (await this.sys.call('GET', 'dispatch', `work-orders/${id}`, { token })).body as Data,
        ),
      );
    const summary = (orders: Data[]) => orders.map((o) => `${o['kind']} ${o['status']}`).sort();
    const orders = await eventually(read, (o) => JSON.stringify(summary(o)) === JSON.stringify([...expected].sort()));
    expect({ applianceId, workOrders: summary(orders) }).toEqual({ applianceId, workOrders: [...expected].sort() });
    return orders;
  }

  technician(technicianId: string): Promise<string> {
    return this.sys.token('technician', { technicianId });
  }
}
