import { Role } from '@appliance-care/auth';
import { createEvent, EventEnvelope, Topics } from '@appliance-care/contracts';

import { Bookkeeping, Lifecycle } from './bookkeeping';
import { checklistAnswers } from './maintenance';
import { SimulatorOptions } from './options';
import { RestClient } from './rest';
import { RosterTechnician } from './roster';
import { SimulatorTokens } from './simulator-tokens';
import { Warehouse } from './warehouse';

/** Sends an event on a logical topic (the simulation's producer, the topic prefix applied). */
export type Publish = (logicalTopic: string, event: EventEnvelope, key: string) => Promise<void>;

/** Retried while the services catch up; a state already past the step counts as done. */
const patient = (...alreadyIn: string[]) => ({ retryOn: [403, 404, 409], alreadyIn: [...alreadyIn, 'completed'] });

/**
 * The outside parties the simulator plays, over the interfaces they use: technicians, customers and
 * connected appliances (REST with their own JWT, device faults on Kafka), and a dispatcher hiring.
 * A failed action stalls its lifecycle with the reason instead of failing the run.
 */
export class Actors {
  private readonly tokens = new SimulatorTokens();
  /** the warehouse, and the parts a technician looks at (stock, the ticket's reservation) */
  readonly warehouse: Warehouse;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly rest: RestClient,
    private readonly book: Bookkeeping,
    private readonly publish: Publish,
  ) {
    this.warehouse = new Warehouse(options, rest, book, (role, id) => this.token(role, id));
  }

  /** Registers the hired technicians with dispatch (one already registered answers 409: kept). */
  async hire(hires: readonly RosterTechnician[]): Promise<number> {
    const token = await this.token('dispatcher');
    let added = 0;
    for (const technician of hires) {
      const res = await fetch(`${this.options.urls.dispatch}/api/v1/technicians`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(technician),
      });
      if (res.status === 201 || res.status === 200) added++;
      else if (res.status !== 409)
        throw new Error(`hiring ${technician.technicianId}: ${res.status} ${await res.text()}`);
    }
    return added;
  }

  install(lifecycle: Lifecycle, installationId: string, technicianId: string): Promise<void> {
    return this.act(lifecycle, 'installation', async () => {
      const base = `${this.options.urls['sales-installation']}/api/v1/installations/${installationId}`;
      const token = await this.token('technician', technicianId);
      type Job = { checklist?: { item: string }[]; status: string };
      const job = await this.rest.call<Job>('GET', base, token, undefined, { retryOn: [404] });
      if (job.status === 'completed') return;
      if (job.status === 'scheduled') {
        const started = { retryOn: [403, 409], alreadyIn: ['in-progress', 'completed'] };
        await this.rest.call('POST', `${base}/start`, token, undefined, started);
      }
      const report = {
        checklist: (job.checklist ?? []).map((entry) => ({ item: entry.item, done: true })),
        customerTrained: true,
        notes: 'installed by the simulator',
      };
      await this.rest.call('POST', `${base}/complete`, token, report, { retryOn: [409], alreadyIn: ['completed'] });
    });
  }

  /** The appliance reports its fault code on Kafka, or its owner reports the problem over REST. */
  async injectFault(lifecycle: Lifecycle): Promise<void> {
    this.book.counters.faultsInjected++;
    lifecycle.faultAt = new Date().toISOString();
    if (lifecycle.item.fault!.viaDevice) await this.act(lifecycle, 'device fault', () => this.deviceFault(lifecycle));
    else await this.act(lifecycle, 'problem report', () => this.problemReport(lifecycle));
  }

  private async deviceFault(lifecycle: Lifecycle): Promise<void> {
    const { serialNumber, fault } = lifecycle.item;
    const event = createEvent({
      type: 'device.fault.reported.v1',
      source: `/devices/${serialNumber}`,
      subject: lifecycle.applianceId,
      data: { serialNumber, errorCode: fault!.errorCode, reportedAt: lifecycle.faultAt!, readings: { cycles: 42 } },
    });
    lifecycle.faultAt = event.time;
    await this.publish(Topics.deviceFaults, event, serialNumber);
  }

  private async problemReport(lifecycle: Lifecycle): Promise<void> {
    const { serialNumber, fault } = lifecycle.item;
    const token = await this.token('customer', lifecycle.purchase.customerId);
    await this.rest.call(
      'POST',
      `${this.options.urls.diagnostics}/api/v1/appliances/${lifecycle.applianceId}/problems`,
      token,
      { symptoms: fault!.symptoms, errorCode: fault!.errorCode },
      { retryOn: [404], headers: { 'idempotency-key': `sim-problem-${serialNumber}` } },
    );
  }

  answerGuidance(lifecycle: Lifecycle, caseId: string): Promise<void> {
    return this.act(lifecycle, 'guidance outcome', async () => {
      const token = await this.token('customer', lifecycle.purchase.customerId);
      await this.rest.call(
        'POST',
        `${this.options.urls.diagnostics}/api/v1/cases/${caseId}/guidance-outcome`,
        token,
        { fixed: lifecycle.item.fault!.guidanceFixes },
        { retryOn: [404, 409], alreadyIn: ['visit-requested', 'visit-scheduled', 'completed'] },
      );
      this.book.counters.guidanceAnswered++;
    });
  }

  visit(lifecycle: Lifecycle, caseId: string, technicianId: string): Promise<void> {
    return this.act(lifecycle, 'visit result', async () => {
      const body = await this.visitResult(lifecycle, technicianId);
      const token = await this.token('technician', technicianId);
      await this.rest.call('POST', `${this.options.urls.diagnostics}/api/v1/cases/${caseId}/results`, token, body, {
        retryOn: [403, 404, 409],
        alreadyIn: ['completed'],
      });
      this.book.counters.visits++;
    });
  }

  /** The technician's findings; a repair planned short of parts names more than van and depot hold. */
  private async visitResult(lifecycle: Lifecycle, technicianId: string) {
    const fault = lifecycle.item.fault!;
    if (fault.visitOutcome !== 'repair-required')
      return {
        tests: [{ name: 'full functional test', passed: true }],
        outcome: 'resolved',
        notes: 'settings corrected, works again',
      };
    const parts = fault.partsShortage
      ? await this.warehouse.shortOf(fault.parts, lifecycle.purchase.region, technicianId)
      : fault.parts;
    return {
      tests: [{ name: `${fault.repairFaultId} check`, passed: false, measurements: { reading: 0 } }],
      outcome: 'repair-required',
      confirmedFault: { faultId: fault.repairFaultId },
      parts,
    };
  }

  /**
   * Accept → en route → start → complete, each step skipped when the ticket is already past it; not
   * at all while the ticket's parts are on order (the return visit is booked when they arrive).
   */
  repair(lifecycle: Lifecycle, ticketId: string, technicianId: string): Promise<void> {
    return this.act(lifecycle, 'repair', async () => {
      if (await this.warehouse.partsOnOrder(lifecycle, ticketId)) return;
      const base = `${this.options.urls.repairs}/api/v1/tickets/${ticketId}`;
      const token = await this.token('technician', technicianId);
      const accepted = patient('accepted', 'en-route', 'in-progress', 'awaiting-parts');
      await this.rest.call('POST', `${base}/accept`, token, undefined, accepted);
      const eta = { eta: new Date(Date.now() + 45 * 60_000).toISOString() };
      await this.rest.call(
        'POST',
        `${base}/en-route`,
        token,
        eta,
        patient('en-route', 'in-progress', 'awaiting-parts'),
      );
      await this.rest.call('POST', `${base}/start`, token, undefined, patient('in-progress', 'awaiting-parts'));
      const parts = lifecycle.parts ?? lifecycle.item.fault!.parts;
      const completion = {
        workDone: `replaced: ${parts.map((part) => part.name).join(', ') || 'adjusted'}`,
        partsUsed: parts,
        labourMinutes: 45,
        signedOffBy: lifecycle.purchase.data.customer.name,
      };
      await this.rest.call('POST', `${base}/complete`, token, completion, patient());
    });
  }

  /** The booked technician completes the maintenance visit, every item of its checklist answered. */
  maintain(lifecycle: Lifecycle, workOrderId: string, technicianId: string, checklist: readonly string[]) {
    return this.act(lifecycle, 'maintenance visit', async () => {
      const url = `${this.options.urls['sales-installation']}/api/v1/maintenance-visits/${workOrderId}/complete`;
      const token = await this.token('technician', technicianId);
      try {
        // 404 until sales-installation has recorded dispatch's booking
        await this.rest.call('POST', url, token, { checklist: checklistAnswers(checklist) }, { retryOn: [404, 409] });
      } catch (err) {
        // a retried completion whose first attempt landed: the visit is no longer booked (404), and done
        if (!lifecycle.maintenanceCompletedAt) throw err;
      }
    });
  }

  private async act(lifecycle: Lifecycle, what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.book.actionFailed(lifecycle, what, err as Error);
    }
  }

  token(role: Role, id?: string): Promise<string> {
    return this.tokens.get(role, id);
  }
}
