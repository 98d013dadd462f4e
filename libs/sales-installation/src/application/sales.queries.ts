import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { NotFoundError } from '@appliance-care/platform';

import { InstallationStatus } from '../domain/installation-job';
import { warrantyStatus } from '../domain/warranty.policy';
import { APPLIANCE_MODEL, ApplianceDocument } from '../persistence/appliance.schema';
import { INSTALLATION_MODEL, InstallationDocument } from '../persistence/installation.schema';
import { definedOnly } from '../persistence/mongo-errors';
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
  };
  return definedOnly(view) as ApplianceView;
}

export function installationView(doc: Omit<InstallationDocument, 'outbox' | 'outboxPending'>): InstallationView {
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

const LIST_LIMIT = 200;

/** Read side: appliances (registered ones only: a pending claim is not an appliance yet) and installation jobs. */
@Injectable()
export class SalesQueries {
  constructor(
    @InjectModel(APPLIANCE_MODEL) private readonly appliances: Model<ApplianceDocument>,
    @InjectModel(INSTALLATION_MODEL) private readonly installations: Model<InstallationDocument>,
  ) {}

  async appliance(id: string): Promise<ApplianceDocument> {
    const doc = await this.appliances.findOne({ _id: id, status: 'registered' }).lean<ApplianceDocument>().exec();
    if (!doc) throw new NotFoundError('appliance', id);
    return doc;
  }

  findAppliances(filter: { serialNumber?: string; customerId?: string }): Promise<ApplianceDocument[]> {
    return this.appliances
      .find({ ...definedOnly(filter), status: 'registered' })
      .sort({ purchasedAt: 1, _id: 1 })
      .limit(LIST_LIMIT)
      .lean<ApplianceDocument[]>()
      .exec();
  }

  async installation(id: string): Promise<Omit<InstallationDocument, 'outbox' | 'outboxPending'>> {
    const doc = await this.installations
      .findById(id, { outbox: 0, outboxPending: 0 })
      .lean<InstallationDocument>()
      .exec();
    if (!doc) throw new NotFoundError('installation', id);
    return doc;
  }

  findInstallations(filter: {
    technicianId?: string;
    customerId?: string;
    status?: InstallationStatus;
    applianceId?: string;
  }) {
    return this.installations
      .find(definedOnly(filter), { outbox: 0, outboxPending: 0 })
      .sort({ requestedAt: 1, _id: 1 })
      .limit(LIST_LIMIT)
      .lean<InstallationDocument[]>()
      .exec();
  }
}
