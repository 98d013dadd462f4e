import { Injectable } from '@nestjs/common';
import { z } from 'zod';

import { canAccessCustomer, canAccessTechnician, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { addressSchema, warrantySchema } from '@appliance-care/contracts';
import { definedOnly, ForbiddenError, NotFoundError, ValidationFailedError } from '@appliance-care/platform';

import { CASE_OUTCOMES, CASE_STATES } from '../domain/diagnostic-case';
import { CaseRepository, CaseSearch } from '../persistence/case.repository';
import {
  CaseDocument,
  caseHistoryEntrySchema,
  resultRecordSchema,
  triageRecordSchema,
} from '../persistence/case.schema';

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

export function caseView(stored: CaseDocument): CaseView {
  const view: CaseView = {
    caseId: stored._id,
    state: stored.state,
    outcome: stored.outcome,
    applianceId: stored.applianceId,
    customerId: stored.customerId,
    serialNumber: stored.serialNumber,
    category: stored.category,
    source: stored.source,
    symptoms: stored.symptoms,
    errorCode: stored.errorCode,
    startedAt: stored.startedAt,
    reportedAt: stored.reportedAt,
    warranty: stored.warranty,
    region: stored.region,
    address: stored.address,
    triage: stored.triage,
    occurrences: stored.occurrences,
    lastSeenAt: stored.lastSeenAt,
    technicianId: stored.technicianId,
    workOrderId: stored.workOrderId,
    visitWindow: stored.visitWindow,
    guidanceOutcome: stored.guidanceOutcome,
    result: stored.result,
    history: stored.history,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
  return definedOnly(view) as CaseView;
}

@Injectable()
export class CaseQueries {
  constructor(private readonly cases: CaseRepository) {}

  /** A customer sees their own cases, a technician the cases assigned to them, staff all; others get 404. */
  async get(caseId: string, principal: Principal): Promise<CaseDocument> {
    const found = await this.cases.get(caseId);
    const visible =
      found &&
      (isStaff(principal) ||
        canAccessCustomer(principal, found.customerId) ||
        canAccessTechnician(principal, found.technicianId));
    if (!found || !visible) throw new NotFoundError('case', caseId);
    return found;
  }

  async list(filter: CaseSearch, principal: Principal): Promise<CaseDocument[]> {
    const search = this.visibleTo(filter, principal);
    if (!search.customerId && !search.technicianId && !search.applianceId) {
      throw new ValidationFailedError('give customerId, technicianId or applianceId', [
        { field: 'customerId', message: 'customerId, technicianId or applianceId is required' },
      ]);
    }
    return this.cases.list(search);
  }

  /** Narrows a search to what the caller may see: a customer their own cases, a technician theirs. */
  private visibleTo(filter: CaseSearch, principal: Principal): CaseSearch {
    if (isStaff(principal)) return filter;
    if (hasRole(principal, 'customer') && !filter.technicianId) {
      if (filter.customerId && filter.customerId !== principal.customerId)
        throw new ForbiddenError('a customer may list only their own cases');
      if (!principal.customerId) throw new ForbiddenError('the token carries no customerId');
      return { ...filter, customerId: principal.customerId };
    }
    if (hasRole(principal, 'technician')) {
      if (filter.technicianId && filter.technicianId !== principal.technicianId)
        throw new ForbiddenError('a technician may list only their own cases');
      if (!principal.technicianId) throw new ForbiddenError('the token carries no technicianId');
      return { ...filter, technicianId: principal.technicianId, customerId: undefined };
    }
    throw new ForbiddenError('listing cases needs a customer, technician, dispatcher or admin token');
  }
}
