import { Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '@appliance-care/messaging';

import { InstallationJobState } from '../domain/installation-job';
import { PlannedInstallation } from '../domain/purchase.plan';

export const INSTALLATION_MODEL = 'Installation';

/** The installation job: what dispatch needs to know, and the job's state, changed under a version condition. */
export interface InstallationDocument
  extends Omit<PlannedInstallation, 'installationId'>, InstallationJobState, OutboxFields {
  _id: string;
  technicianId?: string;
  version: number;
}

export const installationSchema = withOutbox(
  new Schema<InstallationDocument>(
    {
      _id: { type: String, required: true },
      applianceId: { type: String, required: true, index: true },
      customerId: { type: String, required: true, index: true },
      orderId: { type: String, required: true },
      serialNumber: { type: String, required: true },
      category: { type: String, required: true },
      requiredSkill: { type: String, required: true },
      durationMinutes: { type: Number, required: true },
      priority: { type: String, required: true },
      checklist: { type: Schema.Types.Mixed, required: true },
      region: { type: String, required: true },
      address: { type: Schema.Types.Mixed, required: true },
      preferredWindow: Schema.Types.Mixed,
      status: { type: String, required: true, index: true },
      attempt: { type: Number, required: true },
      requestedAt: { type: String, required: true },
      requestReason: String,
      assignment: Schema.Types.Mixed,
      /** copy of assignment.technicianId: an equality index for "a technician's installations" */
      technicianId: { type: String, index: true },
      waitingReason: String,
      startedAt: String,
      completedAt: String,
      checklistAnswers: Schema.Types.Mixed,
      customerTrained: Boolean,
      notes: String,
      visits: { type: Schema.Types.Mixed, default: [] },
      version: { type: Number, required: true },
    },
    { versionKey: false, collection: 'installations', minimize: false },
  ),
);
