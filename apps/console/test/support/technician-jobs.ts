import { http } from '@appliance-care/service-testing';
import { waitFor } from '@appliance-care/testing';

import { ConsoleSystem } from './console-system';

/** 08:00–20:00 UTC the day after tomorrow. */
function inTwoDays(): { from: string; to: string } {
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  return { from: `${day}T08:00:00.000Z`, to: `${day}T20:00:00.000Z` };
}

type Data = Record<string, any>;

const MIAS = { line1: '5 Deansgate', city: 'Manchester', postalCode: 'M3 2BW', country: 'GB', region: 'manchester' };

/** The only gas-safe technician covering Manchester in the seeded roster: every gas job there is his. */
export const DANIEL = 'T-MAN-001';

/**
 * What puts jobs on a technician's day, through the services' APIs as the e2e test does: a purchase
 * needing installation, and a customer's problem report that dispatch books a visit for.
 */
export class TechnicianJobs {
  readonly customerId: string;

  constructor(private readonly system: ConsoleSystem) {
    this.customerId = `C-MIA-${system.run}`;
  }

  /** Mia's gas hob in Manchester, to be installed (sales-system's POST /purchases). */
  async buyGasHob(): Promise<{ applianceId: string; installationId: string }> {
    const res = await this.system.call('POST', 'sales-installation', 'purchases', {
      role: 'sales-system',
      body: {
        orderId: `ORD-TECH-${this.system.run}`,
        purchasedAt: new Date(Date.now() - 60_000).toISOString(),
        customer: {
          id: this.customerId,
          name: 'Mia Turner',
          email: `mia.${this.system.run}@example.org`,
          address: MIAS,
        },
        items: [
          {
            lineId: '1',
            sku: 'GH-60',
            category: 'gas-hob',
            serialNumber: `ACM-GH60-T-${this.system.run}`,
            warrantyMonths: 24,
            // booked two days ahead, so that it never holds the hours today's urgent gas visit needs
            installation: { required: true, preferredWindow: inTwoDays() },
          },
        ],
      },
    });
    expect(res.status).toBe(202);
    return res.body.appliances[0];
  }

  /**
   * Mia's boiler, bought (and fitted by others) 360 days ago: its annual gas-safety service is due
   * within the plan's lead days, so the sweeper asks dispatch for a gas-safe visit at once.
   */
  async buyBoiler(): Promise<{ applianceId: string }> {
    const res = await this.system.call('POST', 'sales-installation', 'purchases', {
      role: 'sales-system',
      body: {
        orderId: `ORD-BOILER-${this.system.run}`,
        purchasedAt: new Date(Date.now() - 360 * 86_400_000).toISOString(),
        customer: {
          id: this.customerId,
          name: 'Mia Turner',
          email: `mia.${this.system.run}@example.org`,
          address: MIAS,
        },
        items: [
          {
            lineId: '1',
            sku: 'BO-30',
            category: 'boiler',
            serialNumber: `ACM-BO30-T-${this.system.run}`,
            warrantyMonths: 24,
            installation: { required: false },
          },
        ],
      },
    });
    expect(res.status).toBe(202);
    return res.body.appliances[0];
  }

  /** The appliance's maintenance schedule once dispatch booked its visit with a technician. */
  maintenanceBooked(applianceId: string): Promise<Data> {
    return this.until(
      'sales-installation',
      `appliances/${applianceId}/maintenance`,
      (m) => m.status === 'visit-booked' && m.booking,
      'maintenance visit booked',
    );
  }

  /** The installation once dispatch booked it with a technician. */
  scheduled(installationId: string): Promise<Data> {
    return waitFor(
      async () => {
        const job = (await this.get('sales-installation', `installations/${installationId}`)).body;
        return job.status === 'scheduled' && job.workOrderId ? job : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `installation ${installationId} scheduled` },
    );
  }

  /** Mia smells gas: a critical report, so an urgent visit (retried until diagnostics knows the appliance). */
  async reportGasSmell(applianceId: string): Promise<Data> {
    const token = await this.system.token('customer', { customerId: this.customerId });
    return waitFor(
      async () => {
        const res = await http(
          'POST',
          `${this.system.services.url('diagnostics')}/api/v1/appliances/${applianceId}/problems`,
          {
            token,
            body: { symptoms: "The burner won't light and I can smell gas in the kitchen" },
            headers: { 'idempotency-key': `p-${applianceId}` },
          },
        );
        if (res.status === 404) return undefined;
        expect(res.status).toBe(201);
        return res.body as Data;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `the problem report on ${applianceId}` },
    );
  }

  /** The case once dispatch booked its visit. */
  visitScheduled(caseId: string): Promise<Data> {
    return this.until(
      'diagnostics',
      `cases/${caseId}`,
      (c) => c.state === 'visit-scheduled' && c.workOrderId,
      'visit booked',
    );
  }

  /** The repair ticket of the case once dispatch booked it (RT-<caseId>). */
  repairBooked(caseId: string): Promise<Data> {
    return this.until(
      'repairs',
      `tickets/RT-${caseId}`,
      (t) => t.status === 'assigned' && t.workOrderId,
      'repair booked',
    );
  }

  async until(
    service: 'sales-installation' | 'diagnostics' | 'repairs',
    path: string,
    ok: (d: Data) => unknown,
    what: string,
  ): Promise<Data> {
    return waitFor(
      async () => {
        const res = await this.get(service, path);
        return res.status === 200 && ok(res.body) ? (res.body as Data) : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 300, what: `${path}: ${what}` },
    );
  }

  get(service: 'sales-installation' | 'diagnostics' | 'repairs' | 'dispatch', path: string) {
    return this.system.call('GET', service, path, { role: 'dispatcher' });
  }
}
