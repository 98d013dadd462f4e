import { PlannedItem, PlannedPurchase } from './plan';
import { Tracker } from './tracker';

/** One simulated appliance's lifecycle as the simulator sees it through the events. */
export interface Lifecycle {
  purchase: PlannedPurchase;
  item: PlannedItem;
  applianceId?: string;
  publishedAt?: string;
  scheduledAt?: string;
  installedAt?: string;
  faultAt?: string;
  caseId?: string;
  caseOpenedAt?: string;
  ticketId?: string;
  ticketOpenedAt?: string;
  parts?: { sku: string; name: string; quantity: number }[];
  /** parts on order for the ticket (parts.requested.v1 / repair.awaiting-parts.v1): what it waits for */
  waitingForParts?: string;
  /** when the ticket was first told to wait for parts */
  partsRequestedAt?: string;
  /** the parts arrived (repair.parts-arrived.v1): the next booking is the return visit */
  partsArrivedAt?: string;
  maintenanceRequestedAt?: string;
  maintenanceBookedAt?: string;
  maintenanceCompletedAt?: string;
  /** the fault's story has ended: resolved remotely or by a visit, or repaired */
  closed?: boolean;
  /** why it cannot go on (unassignable work order, an action refused) */
  stalled?: string;
}

export interface Counters {
  purchasesSent: number;
  registered: number;
  installationsScheduled: number;
  installationsCompleted: number;
  faultsInjected: number;
  cases: number;
  guidanceAnswered: number;
  visits: number;
  diagnosesCompleted: number;
  tickets: number;
  repairsCompleted: number;
  unassignable: number;
  undeliverable: number;
  dlq: number;
  actionErrors: number;
  /** lifecycle events the simulator's consumer received twice (same event id) */
  redelivered: number;
  /** a second diagnosis.completed.v1 (another event id) for a case already diagnosed */
  repeatedDiagnoses: number;
  maintenanceRequested: number;
  maintenanceBooked: number;
  maintenanceCompleted: number;
  maintenanceOverdue: number;
  /** tickets that waited for parts on order */
  waitedForParts: number;
  /** parts.requested.v1 events (purchase requests) */
  partsRequests: number;
  /** stock receipts the simulated warehouse posted */
  receipts: number;
  /** repair.parts-arrived.v1: a ticket's parts are all there, the return visit is booked */
  partsArrived: number;
  /** repairs completed on the return visit after the parts arrived */
  returnVisitsCompleted: number;
}

const noCounts = (): Counters => ({
  purchasesSent: 0,
  registered: 0,
  installationsScheduled: 0,
  installationsCompleted: 0,
  faultsInjected: 0,
  cases: 0,
  guidanceAnswered: 0,
  visits: 0,
  diagnosesCompleted: 0,
  tickets: 0,
  repairsCompleted: 0,
  unassignable: 0,
  undeliverable: 0,
  dlq: 0,
  actionErrors: 0,
  redelivered: 0,
  repeatedDiagnoses: 0,
  maintenanceRequested: 0,
  maintenanceBooked: 0,
  maintenanceCompleted: 0,
  maintenanceOverdue: 0,
  waitedForParts: 0,
  partsRequests: 0,
  receipts: 0,
  partsArrived: 0,
  returnVisitsCompleted: 0,
});

/** At most this many failed actions are kept word for word for the summary (all are counted). */
const KEPT_ACTION_ERRORS = 20;

/**
 * What the run has seen and done so far, free of Kafka and HTTP: every planned appliance's lifecycle
 * (found by serial number, then by appliance id once registered), the counters, stage latencies and
 * notifications (Tracker), dead letters by reason and the first failed actions.
 */
export class Bookkeeping {
  readonly counters = noCounts();
  readonly tracker = new Tracker();
  readonly dlqReasons = new Map<string, number>();
  readonly actionErrors: string[] = [];
  readonly lifecycles: Lifecycle[] = [];
  private readonly bySerial = new Map<string, Lifecycle>();
  private readonly byAppliance = new Map<string, Lifecycle>();

  constructor(plan: readonly PlannedPurchase[]) {
    for (const purchase of plan) {
      for (const item of purchase.items) {
        const lifecycle: Lifecycle = { purchase, item };
        this.lifecycles.push(lifecycle);
        this.bySerial.set(item.serialNumber, lifecycle);
      }
    }
  }

  bySerialNumber(serialNumber: string): Lifecycle | undefined {
    return this.bySerial.get(serialNumber);
  }

  /**
   * The first registration of a planned appliance: from now on its events are found by its id. False
   * for an appliance of no lifecycle of this run, or one registered already.
   */
  registered(serialNumber: string, applianceId: string): boolean {
    const lifecycle = this.bySerial.get(serialNumber);
    if (!lifecycle || lifecycle.applianceId) return false;
    lifecycle.applianceId = applianceId;
    this.byAppliance.set(applianceId, lifecycle);
    this.counters.registered++;
    return true;
  }

  forAppliance(applianceId: unknown): Lifecycle | undefined {
    return typeof applianceId === 'string' ? this.byAppliance.get(applianceId) : undefined;
  }

  allFinished(): boolean {
    return this.lifecycles.every((lifecycle) => Bookkeeping.isFinished(lifecycle));
  }

  /** Stalled, or registered, installed if it needed it, its maintenance visit done, its fault's story (if any) closed. */
  static isFinished(lifecycle: Lifecycle): boolean {
    if (lifecycle.stalled) return true;
    if (!lifecycle.applianceId) return false;
    if (lifecycle.item.installation && !lifecycle.installedAt) return false;
    if (lifecycle.item.maintenance && !lifecycle.maintenanceCompletedAt) return false;
    return !lifecycle.item.fault || lifecycle.closed === true;
  }

  /** At the end of the wait: each lifecycle still running stalls with where it stopped (a repair waiting for parts forever). */
  stallUnfinished(): void {
    for (const lifecycle of this.lifecycles) {
      if (!Bookkeeping.isFinished(lifecycle)) lifecycle.stalled = `unfinished: ${Bookkeeping.whereItStands(lifecycle)}`;
    }
  }

  /** The step a lifecycle that is not finished waits for. */
  static whereItStands(l: Lifecycle): string {
    if (!l.applianceId) return 'never registered';
    if (l.item.installation && !l.installedAt)
      return l.scheduledAt ? 'installation not completed' : 'installation never scheduled';
    if (l.waitingForParts && !l.partsArrivedAt) return `waiting for parts: ${l.waitingForParts}`;
    if (l.item.maintenance && !l.maintenanceCompletedAt) {
      if (l.maintenanceBookedAt) return 'maintenance visit booked, not completed';
      return l.maintenanceRequestedAt
        ? 'maintenance visit requested, never booked'
        : 'maintenance visit never requested';
    }
    if (!l.caseId) return 'fault reported, no case opened';
    if (!l.ticketId) return 'case open, never diagnosed';
    return l.partsArrivedAt ? 'parts arrived, return visit not completed' : 'repair not completed';
  }

  deadLetter(originalTopic: string, errorCode: string): void {
    this.counters.dlq++;
    const key = `${originalTopic}: ${errorCode}`;
    this.dlqReasons.set(key, (this.dlqReasons.get(key) ?? 0) + 1);
  }

  actionFailed(lifecycle: Lifecycle, what: string, err: Error): void {
    this.counters.actionErrors++;
    if (this.actionErrors.length < KEPT_ACTION_ERRORS) {
      this.actionErrors.push(`${lifecycle.item.serialNumber} ${what}: ${err.message}`);
    }
    lifecycle.stalled = `${what} failed`;
  }
}
