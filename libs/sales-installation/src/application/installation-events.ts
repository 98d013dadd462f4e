import { EventData, EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { InstallationJobState, visitPriority } from '../domain/installation-job';
import { PlannedInstallation } from '../domain/purchase.plan';

/** What dispatch needs to know to book a visit. */
export type RequestedJob = Pick<
  PlannedInstallation,
  | 'installationId'
  | 'applianceId'
  | 'customerId'
  | 'category'
  | 'requiredSkill'
  | 'region'
  | 'address'
  | 'durationMinutes'
  | 'priority'
>;

/** The three ids every installation event starts with. */
export const installationRef = (job: Pick<RequestedJob, 'installationId' | 'applianceId' | 'customerId'>) => ({
  installationId: job.installationId,
  applianceId: job.applianceId,
  customerId: job.customerId,
});

/** installation.requested.v1 for a job's visit: the first one (attempt 1) or the next after a failure or a reschedule. */
export function installationRequested(
  factory: EventFactory,
  job: RequestedJob,
  visit: Pick<InstallationJobState, 'attempt' | 'requestedAt' | 'preferredWindow' | 'requestReason'>,
): EventEnvelope {
  const data: EventData<'installation.requested.v1'> = {
    ...installationRef(job),
    category: job.category,
    requiredSkill: job.requiredSkill,
    region: job.region,
    address: job.address,
    durationMinutes: job.durationMinutes,
    preferredWindow: visit.preferredWindow,
    priority: visitPriority(job.priority, visit.attempt),
    attempt: visit.attempt,
    requestedAt: visit.requestedAt,
    reason: visit.requestReason,
  };
  return factory.create('installation.requested.v1', data, { subject: job.applianceId });
}
