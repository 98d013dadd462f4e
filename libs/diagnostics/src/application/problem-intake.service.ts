import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { canAccessCustomer, Principal } from '@appliance-care/auth';
import { DeviceFaultReported } from '@appliance-care/contracts';
import { deterministicUuid, EventFactory, outboxFields, OutboxRelay } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError } from '@appliance-care/platform';

import { KnowledgeBase } from '../domain/knowledge-base';
import { CASE_MODEL, CaseDocument } from '../persistence/case.schema';
import { ApplianceCopyDocument } from '../persistence/local-copy.schema';
import { isDuplicateKey } from '../persistence/mongo-errors';
import { OPEN_CASE_KEY_MODEL, openCaseKey, OpenCaseKeyDocument } from '../persistence/open-case-key.schema';
import { NewCase, openCase, ProblemReport } from './case-opening';
import { CaseEvents } from './case.events';
import { LocalCopies } from './local-copies.service';

export interface CustomerProblem {
  symptoms: string;
  errorCode?: string;
  startedAt?: string;
}

export type DeviceFaultOutcome = 'opened' | 'repeated' | 'duplicate';

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
    @InjectModel(CASE_MODEL) private readonly cases: Model<CaseDocument>,
    @InjectModel(OPEN_CASE_KEY_MODEL) private readonly keys: Model<OpenCaseKeyDocument>,
    private readonly copies: LocalCopies,
    private readonly knowledgeBase: KnowledgeBase,
    private readonly relay: OutboxRelay,
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
    const requestHash = idempotencyKey
      ? createHash('sha256').update(JSON.stringify({ applianceId, problem })).digest('hex')
      : undefined;
    const caseId = idempotencyKey
      ? `case-${deterministicUuid(`problem|${principal.sub}|${idempotencyKey}`)}`
      : `case-${randomUUID()}`;
    if (idempotencyKey) {
      const existing = await this.cases.findById(caseId).lean<CaseDocument>().exec();
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
   * An unknown serial is a poison message (dead-lettered with code unknown-serial, replayable once
   * the appliance is registered).
   */
  async reportByDevice(
    eventId: string,
    fault: DeviceFaultReported,
  ): Promise<{ outcome: DeviceFaultOutcome; caseId: string }> {
    const appliance = await this.copies.applianceBySerial(fault.serialNumber);
    if (!appliance) {
      throw new BusinessRuleError(
        'unknown-serial',
        `no appliance with serial number ${fault.serialNumber} is registered with diagnostics`,
        { serialNumber: fault.serialNumber },
      );
    }
    const key = openCaseKey(appliance._id, fault.errorCode);
    const ownCaseId = `case-${deterministicUuid(`device-fault|${eventId}`)}`;
    const reportedAt = new Date(fault.reportedAt);
    for (let round = 0; round < MAX_KEY_ROUNDS; round++) {
      const holder = await this.claimKey(key, ownCaseId);
      if (!holder) continue;
      const current = await this.cases.findById(holder.caseId).lean<CaseDocument>().exec();
      if (!current) {
        const report: ProblemReport = {
          source: 'device',
          errorCode: fault.errorCode,
          reportedAt,
          reportedBy: `device:${fault.serialNumber}`,
          eventId,
        };
        if (await this.insert(await this.build(holder.caseId, appliance, report)))
          return { outcome: 'opened', caseId: holder.caseId };
        continue;
      }
      if (current.recentEventIds.includes(eventId)) return { outcome: 'duplicate', caseId: current._id };
      if (current.state !== 'completed') {
        const added = await this.cases
          .updateOne(
            { _id: current._id, state: { $ne: 'completed' }, recentEventIds: { $ne: eventId } },
            {
              $inc: { occurrences: 1 },
              $set: { lastSeenAt: reportedAt.toISOString(), updatedAt: new Date().toISOString() },
              $push: { recentEventIds: { $each: [eventId], $slice: -RECENT_EVENT_IDS } },
            },
          )
          .exec();
        if (added.modifiedCount === 1) return { outcome: 'repeated', caseId: current._id };
        continue;
      }
      if (current._id === ownCaseId) return { outcome: 'duplicate', caseId: current._id };
      // the key's case is closed: move the key to this fault's own case, unless another repeat did first
      await this.keys
        .updateOne(
          { _id: key, caseId: current._id },
          { $set: { caseId: ownCaseId, updatedAt: new Date().toISOString() } },
        )
        .exec();
    }
    throw new Error(`too much contention on open case key ${key}; retrying later`);
  }

  private async claimKey(key: string, caseId: string): Promise<OpenCaseKeyDocument | null> {
    // repeats find the key already there: a read spares the store a write on the hot path
    const existing = await this.keys.findById(key).lean<OpenCaseKeyDocument>().exec();
    if (existing) return existing;
    try {
      return await this.keys
        .findOneAndUpdate(
          { _id: key },
          { $setOnInsert: { caseId, updatedAt: new Date().toISOString() } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean<OpenCaseKeyDocument>()
        .exec();
    } catch (err) {
      // two first faults upserted at once: the loser reads the winner's key next round
      if (isDuplicateKey(err)) return null;
      throw err;
    }
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
    try {
      await this.cases.collection.insertOne({
        ...doc,
        ...outboxFields([this.caseEvents.problemReported(doc), next]),
      } as never);
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    this.relay.notify();
    this.logger.log(
      { caseId: doc._id, applianceId: doc.applianceId, route: doc.triage.route, severity: doc.triage.severity },
      'case opened',
    );
    return true;
  }

  private async load(caseId: string): Promise<CaseDocument> {
    const doc = await this.cases.findById(caseId).lean<CaseDocument>().exec();
    if (!doc) throw new NotFoundError('case', caseId);
    return doc;
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
