import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter } from 'mongoose';
import { z } from 'zod';

import { canAccessCustomer, canAccessTechnician, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { addressSchema, warrantySchema } from '@appliance-care/contracts';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '@appliance-care/platform';

import { CASE_OUTCOMES, CASE_STATES, CaseState } from '../domain/diagnostic-case';
import {
  CASE_MODEL,
  CaseDocument,
  caseHistoryEntrySchema,
  resultRecordSchema,
  triageRecordSchema,
} from '../persistence/case.schema';

export interface CaseFilter {
  customerId?: string;
  technicianId?: string;
  applianceId?: string;
  state?: CaseState;
  limit?: number;
}

/** A case as callers see it: its report, triage, visit and result, and its history; no bookkeeping. */
export const caseViewSchema = z.object({
  caseId: z.string(),
  state: z.enum(CASE_STATES),
  outcome: z.enum(CASE_OUTCOMES).optional(),
  applianceId: z.string(),
  customerId: z.string(),
  serialNumber: z.string().optional(),
  category: z.string(),
  source: z.enum(['customer', 'device']),
  symptoms: z.string().optional(),
  errorCode: z.string().optional(),
  startedAt: z.string().optional(),
  reportedAt: z.string(),
  warranty: warrantySchema,
  region: z.string().optional(),
  address: addressSchema.optional(),
  triage: triageRecordSchema,
  occurrences: z.number().int().describe('device reports of the same fault while the case is open'),
  lastSeenAt: z.string(),
  technicianId: z.string().optional(),
  workOrderId: z.string().optional(),
  visitWindow: z.object({ from: z.string(), to: z.string() }).optional(),
  guidanceOutcome: z.object({ fixed: z.boolean(), at: z.string() }).optional(),
  result: resultRecordSchema.optional(),
  history: z.array(caseHistoryEntrySchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof caseViewSchema>;
export const caseListSchema = z.object({ items: z.array(caseViewSchema) });

export function caseView(c: CaseDocument): CaseView {
  const view: CaseView = {
    caseId: c._id,
    state: c.state,
    outcome: c.outcome,
    applianceId: c.applianceId,
    customerId: c.customerId,
    serialNumber: c.serialNumber,
    category: c.category,
    source: c.source,
    symptoms: c.symptoms,
    errorCode: c.errorCode,
    startedAt: c.startedAt,
    reportedAt: c.reportedAt,
    warranty: c.warranty,
    region: c.region,
    address: c.address,
    triage: c.triage,
    occurrences: c.occurrences,
    lastSeenAt: c.lastSeenAt,
    technicianId: c.technicianId,
    workOrderId: c.workOrderId,
    visitWindow: c.visitWindow,
    guidanceOutcome: c.guidanceOutcome,
    result: c.result,
    history: c.history,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as CaseView;
}

@Injectable()
export class CaseQueries {
  constructor(@InjectModel(CASE_MODEL) private readonly cases: Model<CaseDocument>) {}

  /** A customer sees their own cases, a technician the cases assigned to them, staff all; others get 404. */
  async get(caseId: string, principal: Principal): Promise<CaseDocument> {
    const c = await this.cases.findById(caseId, { outbox: 0 }).lean<CaseDocument>().exec();
    const visible =
      c &&
      (isStaff(principal) ||
        canAccessCustomer(principal, c.customerId) ||
        canAccessTechnician(principal, c.technicianId));
    if (!c || !visible) throw new NotFoundError('case', caseId);
    return c;
  }

  async list(filter: CaseFilter, principal: Principal): Promise<CaseDocument[]> {
    const query: QueryFilter<CaseDocument> = {};
    if (!isStaff(principal)) {
      if (hasRole(principal, 'customer') && !filter.technicianId) {
        if (filter.customerId && filter.customerId !== principal.customerId)
          throw new ForbiddenError('a customer may list only their own cases');
        if (!principal.customerId) throw new ForbiddenError('the token carries no customerId');
        filter = { ...filter, customerId: principal.customerId };
      } else if (hasRole(principal, 'technician')) {
        if (filter.technicianId && filter.technicianId !== principal.technicianId)
          throw new ForbiddenError('a technician may list only their own cases');
        if (!principal.technicianId) throw new ForbiddenError('the token carries no technicianId');
        filter = { ...filter, technicianId: principal.technicianId, customerId: undefined };
      } else {
        throw new ForbiddenError('listing cases needs a customer, technician, dispatcher or admin token');
      }
    }
    if (!filter.customerId && !filter.technicianId && !filter.applianceId) {
      throw new ValidationFailedError('give customerId, technicianId or applianceId', [
        { field: 'customerId', message: 'customerId, technicianId or applianceId is required' },
      ]);
    }
    if (filter.customerId) query.customerId = filter.customerId;
    if (filter.technicianId) query.technicianId = filter.technicianId;
    if (filter.applianceId) query.applianceId = filter.applianceId;
    if (filter.state) query.state = filter.state;
    return this.cases
      .find(query, { outbox: 0 })
      .sort({ createdAt: -1 })
      .limit(filter.limit ?? 100)
      .lean<CaseDocument[]>()
      .exec();
  }
}
