import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { QueryFilter, Model } from 'mongoose';
import { canAccessCustomer, canAccessTechnician, hasRole, isStaff, Principal } from '@appliance-care/auth';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '@appliance-care/platform';
import { CaseState } from '../domain/diagnostic-case';
import { CASE_MODEL, CaseDocument } from '../persistence/case.schema';

export interface CaseFilter {
  customerId?: string;
  technicianId?: string;
  applianceId?: string;
  state?: CaseState;
  limit?: number;
}

/** A case as callers see it: no outbox, no bookkeeping. */
export function caseView(c: CaseDocument) {
  const { _id, outbox: _outbox, outboxPending: _pending, recentEventIds: _ids, requestHash: _hash, version: _version, ...rest } = c;
  return { caseId: _id, ...rest };
}
export type CaseView = ReturnType<typeof caseView>;

@Injectable()
export class CaseQueries {
  constructor(@InjectModel(CASE_MODEL) private readonly cases: Model<CaseDocument>) {}

  /** A customer sees their own cases, a technician the cases assigned to them, staff all; others get 404. */
  async get(caseId: string, principal: Principal): Promise<CaseDocument> {
    const c = await this.cases.findById(caseId, { outbox: 0 }).lean<CaseDocument>().exec();
    const visible = c && (isStaff(principal) || canAccessCustomer(principal, c.customerId) || canAccessTechnician(principal, c.technicianId));
    if (!c || !visible) throw new NotFoundError('case', caseId);
    return c;
  }

  async list(filter: CaseFilter, principal: Principal): Promise<CaseDocument[]> {
    const query: QueryFilter<CaseDocument> = {};
    if (!isStaff(principal)) {
      if (hasRole(principal, 'customer') && !filter.technicianId) {
        if (filter.customerId && filter.customerId !== principal.customerId) throw new ForbiddenError('a customer may list only their own cases');
        if (!principal.customerId) throw new ForbiddenError('the token carries no customerId');
        filter = { ...filter, customerId: principal.customerId };
      } else if (hasRole(principal, 'technician')) {
        if (filter.technicianId && filter.technicianId !== principal.technicianId) throw new ForbiddenError('a technician may list only their own cases');
        if (!principal.technicianId) throw new ForbiddenError('the token carries no technicianId');
        filter = { ...filter, technicianId: principal.technicianId, customerId: undefined };
      } else {
        throw new ForbiddenError('listing cases needs a customer, technician, dispatcher or admin token');
      }
    }
    if (!filter.customerId && !filter.technicianId && !filter.applianceId) {
      throw new ValidationFailedError('give customerId, technicianId or applianceId', [{ field: 'customerId', message: 'customerId, technicianId or applianceId is required' }]);
    }
    if (filter.customerId) query.customerId = filter.customerId;
    if (filter.technicianId) query.technicianId = filter.technicianId;
    if (filter.applianceId) query.applianceId = filter.applianceId;
    if (filter.state) query.state = filter.state;
    return this.cases.find(query, { outbox: 0 }).sort({ createdAt: -1 }).limit(filter.limit ?? 100).lean<CaseDocument[]>().exec();
  }
}
