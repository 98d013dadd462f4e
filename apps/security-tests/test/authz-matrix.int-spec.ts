import { Role } from '@appliance-care/auth';
import { http, tokenFor } from '@appliance-care/service-testing';
import { isolateTestEnv, uniqueSuffix, waitFor } from '@appliance-care/testing';
import { MATRIX_ROLES, MatrixRow, readMatrix } from './authz-matrix';
import { BackendService, SERVICES, ServiceProcess, startAll, stopAll } from './service-processes';

type Outcome = 'allowed' | '401' | '403';

/** What a cell promises for a call on a resource that does not exist or belongs to the caller. */
const expectedOutcome = (cell: string): Outcome => (cell === '401' ? '401' : cell === '403' ? '403' : 'allowed');

function outcomeOf(status: number): Outcome | `unexpected ${number}` {
  if (status === 401 || status === 403) return String(status) as Outcome;
  if (status >= 500) return `unexpected ${status}`;
  return 'allowed';
}

describe('authorisation matrix (README, security) against the running services', () => {
  const matrix = readMatrix();
  const suffix = uniqueSuffix();
  const ids = {
    customer: `C-sec-own-${suffix}`,
    otherCustomer: `C-sec-other-${suffix}`,
    technician: `T-sec-own-${suffix}`,
    otherTechnician: `T-sec-other-${suffix}`,
  };
  let procs: Record<BackendService, ServiceProcess>;
  const tokens = {} as Record<Role | 'otherCustomer' | 'otherTechnician', string>;

  beforeAll(async () => {
    procs = await startAll(isolateTestEnv('security-authz'));
    for (const role of MATRIX_ROLES) {
      tokens[role] = await tokenFor(role, role === 'customer' ? { customerId: ids.customer } : role === 'technician' ? { technicianId: ids.technician } : {});
    }
    tokens.otherCustomer = await tokenFor('customer', { customerId: ids.otherCustomer }, 'customer-other');
    tokens.otherTechnician = await tokenFor('technician', { technicianId: ids.otherTechnician }, 'technician-other');
  }, 300_000);
  afterAll(() => stopAll(procs), 60_000);

  const servicesOf = (row: MatrixRow): BackendService[] => (row.service === 'all' ? [...SERVICES] : [row.service as BackendService]);

  /** Path ids become the caller's own id, so that `own` cells are tested on the caller's own data. */
  const pathFor = (row: MatrixRow, role?: Role): string =>
    row.path.replace(/\{[^}]+\}/g, role === 'customer' ? ids.customer : role === 'technician' ? ids.technician : `SEC-NONE-${suffix}`);

  const call = (service: BackendService, row: MatrixRow, token?: string, role?: Role) =>
    http(row.method, `${procs[service].url}${pathFor(row, role)}`, { token, body: row.method === 'GET' ? undefined : {} });

  it('has a row for every operation of every service\'s OpenAPI document, and no row for an operation that does not exist', async () => {
    const documented = new Set<string>();
    const declared = new Set(matrix.flatMap((row) => servicesOf(row).map((s) => `${s} ${row.method} ${row.path}`)));
    for (const service of SERVICES) {
      const doc = (await http('GET', `${procs[service].url}/docs/json`)).body as { paths: Record<string, Record<string, unknown>> };
      for (const [route, ops] of Object.entries(doc.paths)) {
        for (const method of Object.keys(ops)) documented.add(`${service} ${method.toUpperCase()} ${route}`);
      }
    }
    expect([...documented].filter((op) => !declared.has(op)).sort()).toEqual([]);
    expect([...declared].filter((op) => !documented.has(op)).sort()).toEqual([]);
  });

  it('answers every cell of the role dimension as the table says (401 without a token, 403 for a role not listed)', async () => {
    const differences: string[] = [];
    for (const row of matrix) {
      for (const service of servicesOf(row)) {
        const callers: [string, Role | undefined, string][] = [['no token', undefined, row.noToken], ...MATRIX_ROLES.map((r) => [r, r, row.roles[r]] as [string, Role, string])];
        for (const [caller, role, cell] of callers) {
          const res = await call(service, row, role ? tokens[role] : undefined, role);
          const actual = outcomeOf(res.status);
          const wanted = cell === 'public' ? 'allowed' : expectedOutcome(cell);
          if (actual !== wanted) differences.push(`${service} ${row.method} ${row.path} as ${caller}: table says ${cell}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`);
          if ((res.status === 401 || res.status === 403) && !res.headers.get('content-type')?.includes('application/problem+json')) {
            differences.push(`${service} ${row.method} ${row.path} as ${caller}: ${res.status} is not problem+json`);
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  describe('own and other\'s data', () => {
    let applianceId: string;
    let installationId: string;
    let caseId: string;
    const cellOf = (service: string, method: string, route: string, role: Role) => {
      const row = matrix.find((r) => r.service === service && r.method === method && r.path === route);
      if (!row) throw new Error(`no matrix row for ${service} ${method} ${route}`);
      return row.roles[role];
    };
    /** Every case below tests an `own` cell of the table; a changed cell must change the case. */
    const ownCell = (service: string, method: string, route: string, role: Role) => expect(cellOf(service, method, route, role)).toBe('own');

    beforeAll(async () => {
      const purchase = await http('POST', `${procs['sales-installation'].url}/api/v1/purchases`, {
        token: tokens['sales-system'],
        body: {
          orderId: `ORD-sec-${suffix}`, purchasedAt: new Date().toISOString(), channel: 'web',
          customer: {
            id: ids.customer, name: 'Ada Lovelace', email: 'ada@example.org', phone: '+441632960961', locale: 'en-GB',
            address: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB', region: 'london' },
          },
          items: [{ lineId: '1', sku: 'WM-8KG-1400', category: 'washing-machine', brand: 'Acme', serialNumber: `WM-sec-${suffix}`, warrantyMonths: 24, installation: { required: true } }],
        },
      });
      if (purchase.status !== 202) throw new Error(`purchase: ${purchase.status} ${JSON.stringify(purchase.body)}`);
      applianceId = purchase.body.appliances[0].applianceId;
      installationId = purchase.body.appliances[0].installationId;
      expect(installationId).toBeDefined();

      // the appliance reaches diagnostics and the customer reaches notifications over Kafka
      const report = await waitFor(async () => {
        const res = await http('POST', `${procs.diagnostics.url}/api/v1/appliances/${applianceId}/problems`, { token: tokens.customer, body: { symptoms: 'water left in the drum after the wash' } });
        return res.status === 201 ? res : undefined;
      }, { timeoutMs: 60_000, intervalMs: 500, what: 'diagnostics to know the appliance' });
      caseId = report.body.caseId;
      await waitFor(async () => (await http('GET', `${procs.notifications.url}/api/v1/recipients/${ids.customer}`, { token: tokens.dispatcher })).status === 200,
        { timeoutMs: 60_000, intervalMs: 500, what: 'notifications to know the customer' });
      const technician = await http('POST', `${procs.dispatch.url}/api/v1/technicians`, {
        token: tokens.dispatcher,
        body: {
          technicianId: ids.technician, name: 'Grace Hopper', email: 'grace@example.org', phone: '+441632960000', skills: ['appliance-general'],
          licences: [], homeRegion: 'leeds', regions: [], workingHours: {},
        },
      });
      expect([200, 201]).toContain(technician.status);
    }, 180_000);

    const get = (service: BackendService, route: string, token: string) => http('GET', `${procs[service].url}${route}`, { token });

    it('appliances: the owner reads them, another customer gets 404 by id and 403 by filter', async () => {
      ownCell('sales-installation', 'GET', '/api/v1/appliances/{applianceId}', 'customer');
      ownCell('sales-installation', 'GET', '/api/v1/appliances', 'customer');
      expect((await get('sales-installation', `/api/v1/appliances/${applianceId}`, tokens.customer)).status).toBe(200);
      expect((await get('sales-installation', `/api/v1/appliances/${applianceId}`, tokens.otherCustomer)).status).toBe(404);
      const mine = await get('sales-installation', '/api/v1/appliances', tokens.customer);
      expect(mine.body.items.map((a: { applianceId: string }) => a.applianceId)).toEqual([applianceId]);
      expect((await get('sales-installation', `/api/v1/appliances?customerId=${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('sales-installation', '/api/v1/appliances', tokens.otherCustomer)).body.items).toEqual([]);
    });

    it('installations: the owner reads them; another customer or an unassigned technician cannot read or act on them', async () => {
      ownCell('sales-installation', 'GET', '/api/v1/installations/{id}', 'customer');
      ownCell('sales-installation', 'GET', '/api/v1/installations/{id}', 'technician');
      ownCell('sales-installation', 'POST', '/api/v1/installations/{id}/start', 'technician');
      expect((await get('sales-installation', `/api/v1/installations/${installationId}`, tokens.customer)).status).toBe(200);
      expect((await get('sales-installation', `/api/v1/installations/${installationId}`, tokens.otherCustomer)).status).toBe(404);
      expect((await get('sales-installation', `/api/v1/installations/${installationId}`, tokens.otherTechnician)).status).toBe(404);
      expect((await get('sales-installation', `/api/v1/installations?customerId=${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('sales-installation', `/api/v1/installations?technicianId=${ids.technician}`, tokens.otherTechnician)).status).toBe(403);
      const before = (await get('sales-installation', `/api/v1/installations/${installationId}`, tokens.dispatcher)).body;
      // not the assignee (nobody is assigned yet): refused before the state is looked at, so it is not disclosed
      const start = await http('POST', `${procs['sales-installation'].url}/api/v1/installations/${installationId}/start`, { token: tokens.otherTechnician, body: {} });
      expect(start.status).toBe(403);
      expect(start.body.currentState).toBeUndefined();
      const fail = await http('POST', `${procs['sales-installation'].url}/api/v1/installations/${installationId}/reschedule`, { token: tokens.otherTechnician, body: { reason: 'not mine' } });
      expect([403, 404]).toContain(fail.status);
      const after = (await get('sales-installation', `/api/v1/installations/${installationId}`, tokens.dispatcher)).body;
      expect({ status: after.status, attempt: after.attempt }).toEqual({ status: before.status, attempt: before.attempt });
    });

    it('problem reports and cases: the owner reads them; another customer or technician gets 404 by id and 403 by filter', async () => {
      ownCell('diagnostics', 'POST', '/api/v1/appliances/{applianceId}/problems', 'customer');
      ownCell('diagnostics', 'GET', '/api/v1/cases/{caseId}', 'customer');
      ownCell('diagnostics', 'GET', '/api/v1/cases', 'technician');
      ownCell('diagnostics', 'POST', '/api/v1/cases/{caseId}/guidance-outcome', 'customer');
      const report = await http('POST', `${procs.diagnostics.url}/api/v1/appliances/${applianceId}/problems`, { token: tokens.otherCustomer, body: { symptoms: 'not mine at all' } });
      expect(report.status).toBe(404);
      expect((await get('diagnostics', `/api/v1/cases/${caseId}`, tokens.customer)).status).toBe(200);
      expect((await get('diagnostics', `/api/v1/cases/${caseId}`, tokens.otherCustomer)).status).toBe(404);
      expect((await get('diagnostics', `/api/v1/cases/${caseId}`, tokens.otherTechnician)).status).toBe(404);
      expect((await get('diagnostics', `/api/v1/cases?customerId=${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('diagnostics', `/api/v1/cases?technicianId=${ids.technician}`, tokens.otherTechnician)).status).toBe(403);
      const outcome = await http('POST', `${procs.diagnostics.url}/api/v1/cases/${caseId}/guidance-outcome`, { token: tokens.otherCustomer, body: { fixed: true } });
      expect([403, 404]).toContain(outcome.status);
      expect((await get('diagnostics', `/api/v1/cases/${caseId}`, tokens.customer)).body.state).not.toBe('resolved');
    });

    it('tickets: a list filtered by another customer or technician is refused', async () => {
      ownCell('repairs', 'GET', '/api/v1/tickets', 'customer');
      ownCell('repairs', 'GET', '/api/v1/tickets', 'technician');
      expect((await get('repairs', `/api/v1/tickets?customerId=${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('repairs', `/api/v1/tickets?technicianId=${ids.technician}`, tokens.otherTechnician)).status).toBe(403);
      expect((await get('repairs', `/api/v1/tickets?customerId=${ids.customer}`, tokens.customer)).status).toBe(200);
    });

    it('recipients, preferences, feed and notifications: only the recipient themselves (and staff reading)', async () => {
      ownCell('notifications', 'GET', '/api/v1/recipients/{id}', 'customer');
      ownCell('notifications', 'PUT', '/api/v1/recipients/{id}/preferences', 'customer');
      ownCell('notifications', 'GET', '/api/v1/recipients/{id}/feed', 'customer');
      ownCell('notifications', 'GET', '/api/v1/notifications', 'customer');
      expect((await get('notifications', `/api/v1/recipients/${ids.customer}`, tokens.customer)).status).toBe(200);
      expect((await get('notifications', `/api/v1/recipients/${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('notifications', `/api/v1/recipients/${ids.customer}`, tokens.otherTechnician)).status).toBe(403);
      expect((await get('notifications', `/api/v1/recipients/${ids.customer}/feed`, tokens.otherCustomer)).status).toBe(403);
      expect((await get('notifications', `/api/v1/notifications?recipientId=${ids.customer}`, tokens.otherCustomer)).status).toBe(403);
      const put = await http('PUT', `${procs.notifications.url}/api/v1/recipients/${ids.customer}/preferences`, { token: tokens.otherCustomer, body: {} });
      expect(put.status).toBe(403);
    });

    it('technicians and their work orders: a technician reads only themselves', async () => {
      ownCell('dispatch', 'GET', '/api/v1/technicians/{id}', 'technician');
      ownCell('dispatch', 'GET', '/api/v1/technicians/{id}/work-orders', 'technician');
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}`, tokens.technician)).status).toBe(200);
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}`, tokens.otherTechnician)).status).toBe(404);
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}/work-orders`, tokens.technician)).status).toBe(200);
      expect((await get('dispatch', `/api/v1/technicians/${ids.technician}/work-orders`, tokens.otherTechnician)).status).toBe(404);
    });
  });
});
