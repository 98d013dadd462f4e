import { Role } from '@appliance-care/auth';
import { createEvent, Topics } from '@appliance-care/contracts';
import { http, tokenFor } from '@appliance-care/service-testing';
import {
  customerOf,
  isolateTestEnv,
  KafkaProbe,
  purchaseOf,
  repairRequiredDiagnosis,
  TestEnv,
  uniqueSuffix,
  waitFor,
  washingMachineLine,
} from '@appliance-care/testing';

import { isOwn, MATRIX_ROLES, MatrixRow, othersStatus, readMatrix } from './authz-matrix';
import {
  libraryIds,
  libraryProbes,
  librarySnapshot,
  libraryTechnicianToken,
  LibraryUrls,
  patronToken,
  seedLibrary,
} from './library-data.fixtures';
import {
  BackendService,
  ServiceName,
  ServiceProcess,
  SERVICES,
  startAll,
  startServiceProcess,
  stopAll,
} from './service-processes';

type Outcome = 'allowed' | '401' | '403';

/** What a cell promises for a call on a resource that does not exist or belongs to the caller. */
const expectedOutcome = (cell: string): Outcome => (cell === '401' ? '401' : cell === '403' ? '403' : 'allowed');

function outcomeOf(status: number): Outcome | `unexpected ${number}` {
  if (status === 401 || status === 403) return String(status) as Outcome;
  if (status >= 500) return `unexpected ${status}`;
  return 'allowed';
}

const ALL_SERVICES: ServiceName[] = [...SERVICES, 'portal'];
/** the callers whose cells may say `own/…`, and who plays "someone else" for each */
const OWNERS = ['customer', 'technician', 'library-technician', 'patron'] as const;
type Owner = (typeof OWNERS)[number];

describe('authorisation matrix (apps/security-tests/authz-matrix.json, shown in the README) against the running services', () => {
  const matrix = readMatrix();
  const suffix = uniqueSuffix();
  const ids = {
    customer: `C-sec-own-${suffix}`,
    otherCustomer: `C-sec-other-${suffix}`,
    technician: `T-sec-own-${suffix}`,
    otherTechnician: `T-sec-other-${suffix}`,
  };
  const library = libraryIds(suffix);
  let env: TestEnv;
  let procs: Record<BackendService, ServiceProcess>;
  let portal: ServiceProcess | undefined;
  const tokens = {} as Record<
    Role | 'otherCustomer' | 'otherTechnician' | 'otherLibraryTechnician' | 'otherPatron',
    string
  >;
  const urlOf = (service: ServiceName): string =>
    service === 'portal' ? (portal as ServiceProcess).url : procs[service].url;

  beforeAll(async () => {
    env = isolateTestEnv('security-authz');
    procs = await startAll(env);
    portal = await startServiceProcess('portal', env);
    for (const role of MATRIX_ROLES) {
      tokens[role] = await tokenFor(
        role,
        role === 'customer'
          ? { customerId: ids.customer }
          : role === 'technician'
            ? { technicianId: ids.technician }
            : {},
      );
    }
    // the library's owners carry their ids too, as their real tokens do
    tokens['library-technician'] = await libraryTechnicianToken(library.libraryTechnician);
    tokens.patron = await patronToken(library.patron);
    tokens.otherLibraryTechnician = await libraryTechnicianToken(
      library.otherLibraryTechnician,
      'library-technician-other',
    );
    tokens.otherPatron = await patronToken(library.otherPatron, 'patron-other');
    tokens.otherCustomer = await tokenFor('customer', { customerId: ids.otherCustomer }, 'customer-other');
    tokens.otherTechnician = await tokenFor('technician', { technicianId: ids.otherTechnician }, 'technician-other');
  }, 360_000);
  afterAll(async () => {
    await Promise.all([stopAll(procs), portal?.stop()]);
  }, 60_000);

  const servicesOf = (row: MatrixRow): ServiceName[] =>
    row.service === 'all' ? ALL_SERVICES : [row.service as ServiceName];
  const rowKey = (row: MatrixRow) => `${row.service} ${row.method} ${row.path}`;

  /** Path ids become the caller's own id, so that `own` cells are tested on the caller's own data. */
  const pathFor = (row: MatrixRow, role?: Role): string =>
    row.path.replace(
      /\{[^}]+\}/g,
      role === 'customer' ? ids.customer : role === 'technician' ? ids.technician : `SEC-NONE-${suffix}`,
    );

  it("has a row for every operation of every service's OpenAPI document, and no row for an operation that does not exist", async () => {
    const documented = new Set<string>();
    const declared = new Set(matrix.flatMap((row) => servicesOf(row).map((s) => `${s} ${row.method} ${row.path}`)));
    for (const service of ALL_SERVICES) {
      const doc = (await http('GET', `${urlOf(service)}/docs/json`)).body as {
        paths: Record<string, Record<string, unknown>>;
      };
      for (const [route, ops] of Object.entries(doc.paths)) {
        for (const method of Object.keys(ops)) documented.add(`${service} ${method.toUpperCase()} ${route}`);
      }
    }
    expect([...documented].filter((op) => !declared.has(op)).sort()).toEqual([]);
    expect([...declared].filter((op) => !documented.has(op)).sort()).toEqual([]);
  });

  it('answers every cell of the role dimension as the matrix says (401 without a token, 403 for a role not listed)', async () => {
    const differences: string[] = [];
    for (const row of matrix) {
      for (const service of servicesOf(row)) {
        const callers: [string, Role | undefined, string][] = [
          ['no token', undefined, row.noToken],
          ...MATRIX_ROLES.map((r) => [r, r, row.roles[r]] as [string, Role, string]),
        ];
        for (const [caller, role, cell] of callers) {
          const res = await http(row.method, `${urlOf(service)}${pathFor(row, role)}`, {
            token: role ? tokens[role] : undefined,
            body: row.method === 'GET' ? undefined : {},
          });
          const actual = outcomeOf(res.status);
          const wanted = cell === 'public' ? 'allowed' : expectedOutcome(cell);
          if (actual !== wanted)
            differences.push(
              `${service} ${row.method} ${row.path} as ${caller}: matrix says ${cell}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`,
            );
          if (
            (res.status === 401 || res.status === 403) &&
            !res.headers.get('content-type')?.includes('application/problem+json')
          ) {
            differences.push(`${service} ${row.method} ${row.path} as ${caller}: ${res.status} is not problem+json`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  describe("own and someone else's data, on real data", () => {
    let applianceId: string;
    let installationId: string;
    let caseId: string;
    let ticketId: string;
    let workOrderId: string;
    let taskId: string;
    const libraryUrls = (): LibraryUrls => ({
      library: urlOf('library-services'),
      dispatch: urlOf('dispatch'),
      portal: urlOf('portal'),
    });
    const probe = new KafkaProbe(process.env['KAFKA_BROKERS']);
    const get = (service: ServiceName, route: string, token: string) =>
      http('GET', `${urlOf(service)}${route}`, { token });
    const staff = () => tokens.dispatcher;

    beforeAll(async () => {
      const customer = customerOf(ids.customer, { phone: '+441632960961' });
      const purchase = await http('POST', `${urlOf('sales-installation')}/api/v1/purchases`, {
        token: tokens['sales-system'],
        body: purchaseOf(`ORD-sec-${suffix}`, customer, [washingMachineLine(`WM-sec-${suffix}`)]),
      });
      if (purchase.status !== 202) throw new Error(`purchase: ${purchase.status} ${JSON.stringify(purchase.body)}`);
      applianceId = purchase.body.appliances[0].applianceId;
      installationId = purchase.body.appliances[0].installationId;
      expect(installationId).toBeDefined();

      // the appliance reaches diagnostics over Kafka: the customer reports a problem
      const report = await waitFor(
        async () => {
          const res = await http('POST', `${urlOf('diagnostics')}/api/v1/appliances/${applianceId}/problems`, {
            token: tokens.customer,
            body: { symptoms: 'water left in the drum after the wash' },
          });
          return res.status === 201 ? res : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'diagnostics to know the appliance' },
      );
      caseId = report.body.caseId;

      const technician = await http('POST', `${urlOf('dispatch')}/api/v1/technicians`, {
        token: staff(),
        body: {
          technicianId: ids.technician,
          name: 'Grace Hopper',
          email: 'grace@example.org',
          phone: '+441632960000',
          skills: ['appliance-general'],
          licences: [],
          homeRegion: 'leeds',
          regions: [],
          workingHours: {},
        },
      });
      expect([200, 201]).toContain(technician.status);

      // a repair ticket of the customer's: diagnostics' verdict on another case of the appliance, as repairs consumes it
      const repairCase = `CASE-sec-${suffix}`;
      await probe.publish(
        `${env.topicPrefix}${Topics.diagnostics}`,
        createEvent({
          type: 'diagnosis.completed.v1',
          source: '/test/diagnostics',
          subject: applianceId,
          correlationid: `sec-${suffix}`,
          causationid: `sec-${suffix}`,
          data: repairRequiredDiagnosis({
            caseId: repairCase,
            applianceId,
            customerId: ids.customer,
            address: customer.address,
          }),
        }),
      );
      ticketId = await waitFor(
        async () => {
          const res = await get('repairs', `/api/v1/tickets?applianceId=${applianceId}`, staff());
          return (res.body?.items as { ticketId: string; caseId: string }[] | undefined)?.find(
            (t) => t.caseId === repairCase,
          )?.ticketId;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'repairs to open the ticket' },
      );
      // these services hold no stock: the parts service answers the ticket with the drain pump on order
      // and the ticket waits for it. Only then does the ticket stop changing on its own.
      await waitFor(
        async () => (await get('repairs', `/api/v1/tickets/${ticketId}`, staff())).body?.status === 'awaiting-parts',
        { timeoutMs: 60_000, intervalMs: 250, what: 'the ticket to wait for the drain pump on order' },
      );

      // dispatch made a work order of the installation request (nobody in london: it waits on the board)
      workOrderId = await waitFor(
        async () => {
          const board = (await get('dispatch', '/api/v1/board?withinHours=720', staff())).body as {
            unassigned?: { workOrderId: string; sourceId: string }[];
          };
          return board.unassigned?.find((w) => w.sourceId === installationId)?.workOrderId;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: "dispatch to hold the installation's work order" },
      );

      // the customer and the technician reach notifications, the appliance the portal
      for (const recipient of [ids.customer, ids.technician]) {
        await waitFor(
          async () => (await get('notifications', `/api/v1/recipients/${recipient}`, staff())).status === 200,
          { timeoutMs: 60_000, intervalMs: 500, what: `notifications to know ${recipient}` },
        );
      }
      await waitFor(
        async () => (await get('portal', `/api/v1/appliances/${applianceId}/timeline`, staff())).status === 200,
        { timeoutMs: 60_000, intervalMs: 500, what: 'the portal to know the appliance' },
      );

      // the library's owners: a queue item of the library technician's, a hold of the patron's
      taskId = await seedLibrary(
        libraryUrls(),
        {
          dispatcher: staff(),
          librarian: tokens.librarian,
          libraryTechnician: tokens['library-technician'],
          patron: tokens.patron,
        },
        library,
      );
    }, 300_000);
    afterAll(() => probe.close());

    /** How each endpoint with an `own/…` cell is called on the owner's real data (role: whose data it is). */
    const probes = (): Record<string, { path: (role: Owner) => string; body?: unknown }> => {
      const mine = (role: Owner) => (role === 'customer' ? ids.customer : ids.technician);
      const filter = (role: Owner) =>
        role === 'customer' ? `customerId=${ids.customer}` : `technicianId=${ids.technician}`;
      const soon = new Date(Date.now() + 3600e3).toISOString();
      const installation = (action: string, body: unknown) => ({
        path: () => `/api/v1/installations/${installationId}/${action}`,
        body,
      });
      const ticket = (action: string, body: unknown) => ({ path: () => `/api/v1/tickets/${ticketId}/${action}`, body });
      const workOrder = (action: string, body: unknown) => ({
        path: () => `/api/v1/work-orders/${workOrderId}/${action}`,
        body,
      });
      return {
        'sales-installation GET /api/v1/appliances': { path: () => `/api/v1/appliances?customerId=${ids.customer}` },
        'sales-installation GET /api/v1/appliances/{applianceId}': { path: () => `/api/v1/appliances/${applianceId}` },
        'sales-installation GET /api/v1/installations': { path: (role) => `/api/v1/installations?${filter(role)}` },
        'sales-installation GET /api/v1/installations/{id}': { path: () => `/api/v1/installations/${installationId}` },
        'sales-installation POST /api/v1/installations/{id}/start': installation('start', {}),
        'sales-installation POST /api/v1/installations/{id}/complete': installation('complete', {
          checklist: [],
          customerTrained: true,
        }),
        'sales-installation POST /api/v1/installations/{id}/fail': installation('fail', { reason: 'not mine' }),
        'sales-installation POST /api/v1/installations/{id}/reschedule': installation('reschedule', {
          reason: 'not mine',
        }),
        // the washing machine has no maintenance plan: someone else is refused before that is looked at
        'sales-installation GET /api/v1/appliances/{applianceId}/maintenance': {
          path: () => `/api/v1/appliances/${applianceId}/maintenance`,
        },
        'sales-installation POST /api/v1/appliances/{applianceId}/maintenance/opt-out': {
          path: () => `/api/v1/appliances/${applianceId}/maintenance/opt-out`,
          body: {},
        },
        'sales-installation POST /api/v1/appliances/{applianceId}/maintenance/opt-in': {
          path: () => `/api/v1/appliances/${applianceId}/maintenance/opt-in`,
          body: {},
        },
        'sales-installation POST /api/v1/maintenance-visits/{workOrderId}/complete': {
          path: () => `/api/v1/maintenance-visits/${workOrderId}/complete`,
          body: { checklist: [{ item: 'filters-cleaned', ok: true }] },
        },
        'diagnostics POST /api/v1/appliances/{applianceId}/problems': {
          path: () => `/api/v1/appliances/${applianceId}/problems`,
          body: { symptoms: 'not mine at all' },
        },
        'diagnostics GET /api/v1/cases': { path: (role) => `/api/v1/cases?${filter(role)}` },
        'diagnostics GET /api/v1/cases/{caseId}': { path: () => `/api/v1/cases/${caseId}` },
        'diagnostics POST /api/v1/cases/{caseId}/guidance-outcome': {
          path: () => `/api/v1/cases/${caseId}/guidance-outcome`,
          body: { fixed: true },
        },
        'diagnostics POST /api/v1/cases/{caseId}/results': {
          path: () => `/api/v1/cases/${caseId}/results`,
          body: { tests: [{ name: 'probe', passed: true }], outcome: 'resolved' },
        },
        'repairs GET /api/v1/tickets': { path: (role) => `/api/v1/tickets?${filter(role)}` },
        'repairs GET /api/v1/tickets/{id}': { path: () => `/api/v1/tickets/${ticketId}` },
        'repairs POST /api/v1/tickets/{id}/accept': ticket('accept', {}),
        'repairs POST /api/v1/tickets/{id}/decline': ticket('decline', { reason: 'not mine' }),
        'repairs POST /api/v1/tickets/{id}/en-route': ticket('en-route', { eta: soon }),
        'repairs POST /api/v1/tickets/{id}/start': ticket('start', {}),
        'repairs POST /api/v1/tickets/{id}/awaiting-parts': ticket('awaiting-parts', {
          parts: [{ sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 1 }],
          expectedAt: soon,
        }),
        'repairs POST /api/v1/tickets/{id}/complete': ticket('complete', {
          workDone: 'nothing',
          partsUsed: [],
          labourMinutes: 1,
          signedOffBy: 'nobody',
        }),
        'repairs POST /api/v1/tickets/{id}/cancel': ticket('cancel', { reason: 'not mine' }),
        'dispatch GET /api/v1/technicians/{id}': { path: () => `/api/v1/technicians/${ids.technician}` },
        'dispatch GET /api/v1/technicians/{id}/work-orders': {
          path: () => `/api/v1/technicians/${ids.technician}/work-orders`,
        },
        'dispatch GET /api/v1/work-orders/{id}': { path: () => `/api/v1/work-orders/${workOrderId}` },
        'dispatch GET /api/v1/work-orders/{id}/slots': { path: () => `/api/v1/work-orders/${workOrderId}/slots` },
        'dispatch POST /api/v1/work-orders/{id}/reschedule': workOrder('reschedule', {
          slot: { technicianId: ids.technician, start: soon },
        }),
        'dispatch POST /api/v1/work-orders/{id}/cancel': workOrder('cancel', { reason: 'not mine' }),
        'dispatch POST /api/v1/work-orders/{id}/accept': workOrder('accept', {}),
        'dispatch POST /api/v1/work-orders/{id}/decline': workOrder('decline', { reason: 'not mine' }),
        'dispatch POST /api/v1/work-orders/{id}/en-route': workOrder('en-route', { eta: soon }),
        'notifications GET /api/v1/notifications': {
          path: (role) => `/api/v1/notifications?recipientId=${mine(role)}`,
        },
        'notifications GET /api/v1/recipients/{id}': { path: (role) => `/api/v1/recipients/${mine(role)}` },
        'notifications PUT /api/v1/recipients/{id}/preferences': {
          path: (role) => `/api/v1/recipients/${mine(role)}/preferences`,
          body: { channels: { email: false } },
        },
        'notifications GET /api/v1/recipients/{id}/feed': { path: (role) => `/api/v1/recipients/${mine(role)}/feed` },
        'portal GET /api/v1/appliances/{id}/timeline': { path: () => `/api/v1/appliances/${applianceId}/timeline` },
        'portal GET /api/v1/customers/{id}/appliances': { path: () => `/api/v1/customers/${ids.customer}/appliances` },
        // another technician asks for this technician's van
        'parts GET /api/v1/stock/{location}': { path: () => `/api/v1/stock/van:${ids.technician}` },
        ...(libraryProbes(library, taskId) as Record<string, { path: (role: Owner) => string; body?: unknown }>),
      };
    };
    const someoneElse: Record<Owner, () => string> = {
      customer: () => tokens.otherCustomer,
      technician: () => tokens.otherTechnician,
      'library-technician': () => tokens.otherLibraryTechnician,
      patron: () => tokens.otherPatron,
    };

    it('answers someone else (another customer, technician, library technician, patron) as every own/… cell says, and changes nothing', async () => {
      const libraryBefore = await librarySnapshot(libraryUrls(), tokens.librarian, library, taskId);
      const before = {
        installation: (await get('sales-installation', `/api/v1/installations/${installationId}`, staff())).body,
        case: (await get('diagnostics', `/api/v1/cases/${caseId}`, staff())).body,
        ticket: (await get('repairs', `/api/v1/tickets/${ticketId}`, staff())).body,
        preferences: (await get('notifications', `/api/v1/recipients/${ids.customer}`, staff())).body.preferences,
      };
      const byRow = probes();
      const missing: string[] = [];
      const differences: string[] = [];
      let checked = 0;
      for (const row of matrix) {
        for (const role of OWNERS) {
          const cell = row.roles[role];
          if (!isOwn(cell)) continue;
          const how = byRow[rowKey(row)];
          if (!how) {
            missing.push(`${rowKey(row)} (${role}: ${cell})`);
            continue;
          }
          const other = someoneElse[role]();
          for (const service of servicesOf(row)) {
            const res = await http(row.method, `${urlOf(service)}${how.path(role)}`, { token: other, body: how.body });
            checked += 1;
            const what = `${service} ${row.method} ${row.path}: another ${role}`;
            if (res.status !== othersStatus(cell))
              differences.push(
                `${what}: matrix says ${cell}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`,
              );
            if (!res.headers.get('content-type')?.includes('application/problem+json'))
              differences.push(`${what}: ${res.status} is not problem+json`);
            // refused before the state is looked at: nothing about it is disclosed
            if (res.body?.currentState !== undefined)
              differences.push(`${what}: the refusal discloses the state ${res.body.currentState}`);
          }
        }
      }
      expect(missing).toEqual([]);
      expect(differences).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(48);

      const after = {
        installation: (await get('sales-installation', `/api/v1/installations/${installationId}`, staff())).body,
        case: (await get('diagnostics', `/api/v1/cases/${caseId}`, staff())).body,
        ticket: (await get('repairs', `/api/v1/tickets/${ticketId}`, staff())).body,
        preferences: (await get('notifications', `/api/v1/recipients/${ids.customer}`, staff())).body.preferences,
      };
      expect({ status: after.installation.status, attempt: after.installation.attempt }).toEqual({
        status: before.installation.status,
        attempt: before.installation.attempt,
      });
      expect({ state: after.case.state, history: after.case.history.length }).toEqual({
        state: before.case.state,
        history: before.case.history.length,
      });
      expect({ status: after.ticket.status, history: after.ticket.history.length }).toEqual({
        status: before.ticket.status,
        history: before.ticket.history.length,
      });
      expect(after.preferences).toEqual(before.preferences);
      expect(await librarySnapshot(libraryUrls(), tokens.librarian, library, taskId)).toEqual(libraryBefore);
    });

    it('lets the owner read their own data, and lists only theirs', async () => {
      const owner = tokens.customer;
      for (const [service, route] of [
        ['sales-installation', `/api/v1/appliances/${applianceId}`],
        ['sales-installation', `/api/v1/installations/${installationId}`],
        ['diagnostics', `/api/v1/cases/${caseId}`],
        ['repairs', `/api/v1/tickets/${ticketId}`],
        ['notifications', `/api/v1/recipients/${ids.customer}`],
        ['notifications', `/api/v1/recipients/${ids.customer}/feed`],
        ['notifications', '/api/v1/notifications'],
        ['portal', `/api/v1/appliances/${applianceId}/timeline`],
        ['portal', `/api/v1/customers/${ids.customer}/appliances`],
      ] as [ServiceName, string][]) {
        const res = await get(service, route, owner);
        expect(`${service} GET ${route}: ${res.status}`).toBe(`${service} GET ${route}: 200`);
      }
      const technician = tokens.technician;
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}`, technician)).status).toBe(200);
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}/work-orders`, technician)).status).toBe(200);
      expect((await get('notifications', `/api/v1/recipients/${ids.technician}`, technician)).status).toBe(200);

      expect(
        (await get('sales-installation', '/api/v1/appliances', owner)).body.items.map(
          (a: { applianceId: string }) => a.applianceId,
        ),
      ).toEqual([applianceId]);
      expect((await get('sales-installation', '/api/v1/appliances', tokens.otherCustomer)).body.items).toEqual([]);
      expect(
        (await get('repairs', '/api/v1/tickets', owner)).body.items.map((t: { ticketId: string }) => t.ticketId),
      ).toEqual([ticketId]);
      expect(
        (await get('portal', `/api/v1/customers/${ids.customer}/appliances`, owner)).body.items.map(
          (a: { applianceId: string }) => a.applianceId,
        ),
      ).toEqual([applianceId]);
    });

    it('lets the library technician and the patron read their own (queue, tasks, holds, item timeline), and lists only theirs', async () => {
      const mine = tokens['library-technician'];
      const reads: [ServiceName, string, string][] = [
        ['library-services', `/api/v1/tasks?technicianId=${library.libraryTechnician}`, mine],
        ['library-services', '/api/v1/tasks', mine],
        ['dispatch', `/api/v1/queue-items?technicianId=${library.libraryTechnician}`, mine],
        ['dispatch', '/api/v1/queue-items', mine],
        ['dispatch', `/api/v1/queue-items/${taskId}`, mine],
        ['library-services', `/api/v1/holds?patronId=${library.patron}`, tokens.patron],
        ['library-services', '/api/v1/holds', tokens.patron],
        ['portal', `/api/v1/items/${library.itemId}/timeline`, tokens.patron],
      ];
      for (const [service, route, token] of reads) {
        const res = await get(service, route, token);
        expect(`${service} GET ${route}: ${res.status}`).toBe(`${service} GET ${route}: 200`);
      }
      const taskIds = (res: { body: { items: { taskId: string }[] } }) => res.body.items.map((t) => t.taskId);
      expect(taskIds(await get('library-services', '/api/v1/tasks', mine))).toEqual([taskId]);
      expect(taskIds(await get('dispatch', '/api/v1/queue-items', mine))).toEqual([taskId]);
      expect((await get('dispatch', `/api/v1/queue-items/${taskId}`, mine)).body.technicianId).toBe(
        library.libraryTechnician,
      );
      const holds = (await get('library-services', '/api/v1/holds', tokens.patron)).body.items as {
        itemId: string;
        patronId: string;
      }[];
      expect(holds.map((h) => [h.itemId, h.patronId])).toEqual([[library.itemId, library.patron]]);
      expect((await get('portal', `/api/v1/items/${library.itemId}/timeline`, tokens.patron)).body).toBeDefined();

      // someone else's own lists are empty, not someone else's data
      expect((await get('library-services', '/api/v1/tasks', tokens.otherLibraryTechnician)).body.items).toEqual([]);
      expect((await get('dispatch', '/api/v1/queue-items', tokens.otherLibraryTechnician)).body.items).toEqual([]);
      expect((await get('library-services', '/api/v1/holds', tokens.otherPatron)).body.items).toEqual([]);
    });
  });
});
