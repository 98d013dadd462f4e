import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';

import { canAccessCustomer, Principal } from '@appliance-care/auth';
import { DeviceFaultReported } from '@appliance-care/contracts';
import { Conflict, CONFLICT, deterministicUuid, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { isClosedCase } from '../domain/diagnostic-case';
import { KnowledgeBase } from '../domain/knowledge-base';
import { CaseRepository, NewCase } from '../persistence/case.repository';
import { CaseDocument } from '../persistence/case.schema';
import { ApplianceCopyDocument } from '../persistence/local-copy.schema';
import { OpenCaseKeyRepository } from '../persistence/open-case-key.repository';
import { openCaseKey } from '../persistence/open-case-key.schema';
import { openCase, ProblemReport } from './case-opening';
import { CaseEvents } from './case.events';
import { LocalCopies, refuseRetired } from './local-copies.service';

export interface CustomerProblem {
  symptoms: string;
  errorCode?: string;
  startedAt?: string;
}

export type DeviceFaultOutcome = 'opened' | 'repeated' | 'duplicate';
export interface DeviceFaultResult {
  outcome: DeviceFaultOutcome;
  caseId: string;
}

/** One device fault on its way to a case: the key it shares with its repeats, and the case it would open. */
interface DeviceFault {
  key: string;
  ownCaseId: string;
  eventId: string;
  appliance: ApplianceCopyDocument;
  report: ProblemReport;
}

/** Repeats of one fault racing each other; past this, the event is retried later (transient). */
const MAX_KEY_ROUNDS = 8;
/** Occurrence event ids kept per case to recognise redeliveries. */
const RECENT_EVENT_IDS = 200;

/**
 * Problems in: a customer's report (REST) or a device's fault code (Kafka). Each opens a triaged case
 * whose first events (problem.reported.v1 and the guidance or visit request) are stored with it.
 */
@Injectable()
export class ProblemIntake {
  private readonly logger = new Logger(ProblemIntake.name);
  private readonly caseEvents: CaseEvents;

  constructor(
    private readonly cases: CaseRepository,
    private readonly keys: OpenCaseKeyRepository,
    private readonly copies: LocalCopies,
    private readonly knowledgeBase: KnowledgeBase,
    events: EventFactory,
  ) {
    this.caseEvents = new CaseEvents(events);
  }

  /**
   * With an Idempotency-Key the case id derives from the caller and the key, so a retried POST finds
   * the case it created (even after a crash) instead of opening another.
   */
  async reportByCustomer(
    principal: Principal,
    applianceId: string,
    problem: CustomerProblem,
    idempotencyKey?: string,
  ): Promise<CaseDocument> {
    const appliance = await this.copies.appliance(applianceId);
    if (!appliance || !canAccessCustomer(principal, appliance.customerId))
      throw new NotFoundError('appliance', applianceId);
    refuseRetired(appliance);
    const requestHash = idempotencyKey
      ? createHash('sha256').update(JSON.stringify({ applianceId, problem })).digest('hex')
      : undefined;
    const caseId = idempotencyKey
      ? `case-${deterministicUuid(`problem|${principal.sub}|${idempotencyKey}`)}`
      : `case-${randomUUID()}`;
    if (idempotencyKey) {
      const existing = await this.cases.get(caseId);
      if (existing) return this.replay(existing, requestHash, idempotencyKey);
    }
    const report: ProblemReport = { source: 'customer', ...problem, reportedAt: new Date(), reportedBy: principal.sub };
    const doc = { ...(await this.build(caseId, appliance, report)), ...(requestHash ? { requestHash } : {}) };
    const created = await this.insert(doc);
    if (!created) return this.replay(await this.load(caseId), requestHash, idempotencyKey ?? '');
    return this.load(caseId);
  }

  /**
   * A device fault: one open case per appliance and error code. The open-case key document is the
   * atomic guard; repeats add an occurrence to its case, a closed case lets the next fault open a new one.
   * Undefined when no appliance has the serial (yet): HeldFaults holds such a fault.
   */
  async reportByDevice(eventId: string, fault: DeviceFaultReported): Promise<DeviceFaultResult | undefined> {
    const appliance = await this.copies.applianceBySerial(fault.serialNumber);
    if (!appliance) return undefined;
    refuseRetired(appliance);
    const key = openCaseKey(appliance._id, fault.errorCode);
    const device: DeviceFault = {
      key,
      ownCaseId: `case-${deterministicUuid(`device-fault|${eventId}`)}`,
      eventId,
      appliance,
      report: {
        source: 'device',
        errorCode: fault.errorCode,
        reportedAt: new Date(fault.reportedAt),
        reportedBy: `device:${fault.serialNumber}`,
        eventId,
      },
    };
    return untilWritten(`open case key ${key}`, () => this.recordFault(device), { attempts: MAX_KEY_ROUNDS });
  }

  /** One round: open the key's case, count a repeat on it, or move a closed case's key to this fault. */
  private async recordFault(fault: DeviceFault): Promise<DeviceFaultResult | Conflict> {
    const holder = await this.keys.claim(fault.key, fault.ownCaseId);
    // two first faults created the key at once: the loser reads the winner's key next round
    if (!holder) return CONFLICT;
    const current = await this.cases.get(holder.caseId);
    if (!current) {
      const opened = await this.insert(await this.build(holder.caseId, fault.appliance, fault.report));
      return opened ? { outcome: 'opened', caseId: holder.caseId } : CONFLICT;
    }
    if (current.recentEventIds.includes(fault.eventId)) return { outcome: 'duplicate', caseId: current._id };
    if (!isClosedCase(current.state)) {
      const added = await this.cases.addOccurrence(
        current._id,
        fault.eventId,
        fault.report.reportedAt,
        RECENT_EVENT_IDS,
      );
      return added ? { outcome: 'repeated', caseId: current._id } : CONFLICT;
    }
    if (current._id === fault.ownCaseId) return { outcome: 'duplicate', caseId: current._id };
    // the key's case is closed: move the key to this fault's own case, unless another repeat did first
    await this.keys.move(fault.key, current._id, fault.ownCaseId);
    return CONFLICT;
  }

  private async build(caseId: string, appliance: ApplianceCopyDocument, report: ProblemReport): Promise<NewCase> {
    const location = await this.copies.locationOf(appliance);
    return openCase(caseId, appliance, location, report, this.knowledgeBase.forCategory(appliance.category));
  }

  /** Stores the case with its first events; false when a case with this id already exists. */
  private async insert(doc: NewCase): Promise<boolean> {
    const next =
      doc.state === 'guidance-sent'
        ? this.caseEvents.guidanceSent(doc)
        : this.caseEvents.visitRequested(doc, new Date());
    if (!(await this.cases.insert(doc, [this.caseEvents.problemReported(doc), next]))) return false;
    this.logger.log(
      { caseId: doc._id, applianceId: doc.applianceId, route: doc.triage.route, severity: doc.triage.severity },
      'case opened',
    );
    return true;
  }

  private async load(caseId: string): Promise<CaseDocument> {
    const stored = await this.cases.get(caseId);
    if (!stored) throw new NotFoundError('case', caseId);
    return stored;
  }

  private replay(existing: CaseDocument, requestHash: string | undefined, key: string): CaseDocument {
    if (existing.requestHash !== requestHash) {
      throw new BusinessRuleError(
        'idempotency-key-reused',
        `Idempotency-Key ${key} was already used with a different request; use a new key for a different problem`,
        undefined,
        422,
      );
    }
    return existing;
  }
}
