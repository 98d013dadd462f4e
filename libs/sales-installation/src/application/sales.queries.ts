import { Injectable } from '@nestjs/common';

import { definedOnly, NotFoundError } from '@appliance-care/platform';

import { warrantyStatus } from '../domain/warranty.policy';
import { ApplianceRepository } from '../persistence/appliance.repository';
import { ApplianceDocument } from '../persistence/appliance.schema';
import { InstallationFilter, InstallationRepository, StoredInstallation } from '../persistence/installation.repository';
import { ApplianceView, InstallationView } from './sales.views';

export function applianceView(doc: ApplianceDocument, now = new Date()): ApplianceView {
  const view: ApplianceView = {
    applianceId: doc._id,
    serialNumber: doc.serialNumber,
    sku: doc.sku,
    category: doc.category,
    brand: doc.brand,
    model: doc.model,
    customerId: doc.customerId,
    orderId: doc.orderId,
    purchasedAt: doc.purchasedAt,
    warrantyMonths: doc.warrantyMonths,
    warrantyEndsAt: doc.warrantyEndsAt,
    warrantyStatus: warrantyStatus(doc.warrantyEndsAt, now),
    region: doc.region,
    installationRequired: doc.installationRequired,
    installationId: doc.installationId,
    price: doc.price,
    replaces: doc.replaces,
    status: doc.status === 'retired' ? 'retired' : 'registered',
    replacedBy: doc.replacedBy,
    retiredAt: doc.retiredAt,
  };
  return definedOnly(view) as ApplianceView;
}

export function installationView(doc: StoredInstallation): InstallationView {
  const view: InstallationView = {
    installationId: doc._id,
    applianceId: doc.applianceId,
    customerId: doc.customerId,
    orderId: doc.orderId,
    serialNumber: doc.serialNumber,
    category: doc.category,
    status: doc.status,
    attempt: doc.attempt,
    requiredSkill: doc.requiredSkill,
    durationMinutes: doc.durationMinutes,
    priority: doc.priority,
    region: doc.region,
    address: doc.address,
    preferredWindow: doc.preferredWindow,
    requestedAt: doc.requestedAt,
    requestReason: doc.requestReason,
    waitingReason: doc.waitingReason,
    workOrderId: doc.assignment?.workOrderId,
    technicianId: doc.assignment?.technicianId,
    technicianName: doc.assignment?.technicianName,
    window: doc.assignment?.window,
    startedAt: doc.startedAt,
    completedAt: doc.completedAt,
    checklist: doc.checklist,
    checklistAnswers: doc.checklistAnswers,
    customerTrained: doc.customerTrained,
    notes: doc.notes,
    visits: doc.visits ?? [],
  };
  return definedOnly(view) as InstallationView;
}

/** Read side: appliances (registered ones only: a pending claim is not an appliance yet) and installation jobs. */
@Injectable()
export class SalesQueries {
  constructor(
    private readonly appliances: ApplianceRepository,
    private readonly installations: InstallationRepository,
  ) {}

  async appliance(id: string): Promise<ApplianceDocument> {
    const doc = await this.appliances.findRegistered(id);
    if (!doc) throw new NotFoundError('appliance', id);
    return doc;
  }

  findAppliances(filter: { serialNumber?: string; customerId?: string }): Promise<ApplianceDocument[]> {
    return this.appliances.listRegistered(filter);
  }

  async installation(id: string): Promise<StoredInstallation> {
    const doc = await this.installations.find(id);
    if (!doc) throw new NotFoundError('installation', id);
    return doc;
  }

  findInstallations(filter: InstallationFilter): Promise<StoredInstallation[]> {
    return this.installations.list(filter);
  }
}
