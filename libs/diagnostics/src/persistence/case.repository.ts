import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';

import { EventEnvelope } from '@appliance-care/contracts';
import { insertWithEvents, withEvents } from '@appliance-care/messaging';
import { definedOnlyDeep } from '@appliance-care/platform';

import { CaseState, CLOSED_CASE_STATES } from '../domain/diagnostic-case';
import { CASE_MODEL, CaseDocument, CaseHistoryEntry } from './case.schema';

export type NewCase = Omit<CaseDocument, 'outbox' | 'outboxPending'>;

/** What one step changes in a case: fields, history entries appended. */
export interface CaseChange {
  set: Partial<CaseDocument>;
  history: CaseHistoryEntry[];
}

/** Which cases to list; at least one of the ids is given (the caller checks). */
export interface CaseSearch {
  customerId?: string;
  technicianId?: string;
  applianceId?: string;
  state?: CaseState;
  limit?: number;
}

const WITHOUT_OUTBOX = { outbox: 0 } as const;

/** Diagnostic cases: every write is one single-document write carrying the case's events. */
@Injectable()
export class CaseRepository {
  constructor(@InjectModel(CASE_MODEL) private readonly model: Model<CaseDocument>) {}

  get(caseId: string): Promise<CaseDocument | null> {
    return this.model.findById(caseId, WITHOUT_OUTBOX).lean<CaseDocument>().exec();
  }

  async exists(caseId: string): Promise<boolean> {
    return (await this.model.exists({ _id: caseId }).exec()) !== null;
  }

  list(search: CaseSearch): Promise<CaseDocument[]> {
    const query: QueryFilter<CaseDocument> = {};
    if (search.customerId) query.customerId = search.customerId;
    if (search.technicianId) query.technicianId = search.technicianId;
    if (search.applianceId) query.applianceId = search.applianceId;
    if (search.state) query.state = search.state;
    return this.model
      .find(query, WITHOUT_OUTBOX)
      .sort({ createdAt: -1 })
      .limit(search.limit ?? 100)
      .lean<CaseDocument[]>()
      .exec();
  }

  /** Stores a new case with its first events; false when a case with this id already exists. */
  insert(doc: NewCase, events: EventEnvelope[]): Promise<boolean> {
    return insertWithEvents(this.model, definedOnlyDeep(doc), events);
  }

  /** The change and its events, if the case is still at `version`; false when someone changed it meanwhile. */
  async save(caseId: string, version: number, change: CaseChange, events: EventEnvelope[]): Promise<boolean> {
    const update: UpdateQuery<CaseDocument> = {
      $set: { ...definedOnlyDeep(change.set), version: version + 1, updatedAt: new Date().toISOString() },
      ...(change.history.length ? { $push: { history: { $each: definedOnlyDeep(change.history) } } } : {}),
    };
    const written = await this.model.updateOne({ _id: caseId, version }, withEvents(update, events)).exec();
    return written.modifiedCount === 1;
  }

  /**
   * One more device report of the open case's fault, counted once per event id; false when the
   * case closed or already counted it (the caller reads again).
   */
  async addOccurrence(caseId: string, eventId: string, seenAt: Date, keepEventIds: number): Promise<boolean> {
    const added = await this.model
      .updateOne(
        { _id: caseId, state: { $nin: [...CLOSED_CASE_STATES] }, recentEventIds: { $ne: eventId } },
        {
          $inc: { occurrences: 1 },
          $set: { lastSeenAt: seenAt.toISOString(), updatedAt: new Date().toISOString() },
          $push: { recentEventIds: { $each: [eventId], $slice: -keepEventIds } },
        },
      )
      .exec();
    return added.modifiedCount === 1;
  }
}
