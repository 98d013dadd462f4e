import { ApiError } from '../api/api-client';
import { WorkOrder } from '../api/dispatch.api';
import { Appliance, Maintenance, TechnicianApi } from './technician.api';

export interface MaintenanceJob {
  kind: 'maintenance';
  appliance: Appliance;
  /** absent: the schedule is no longer booked with this technician (completed, or moved), so not theirs to read */
  maintenance?: Maintenance;
  faults: [];
}

/**
 * The appliance and its schedule. Only the booked technician may read the schedule, and a completed
 * visit books nobody: then the answer the completion gave (`completed`) stands in for it.
 */
export async function loadMaintenanceJob(
  api: TechnicianApi,
  order: WorkOrder,
  completed?: Maintenance,
): Promise<MaintenanceJob> {
  const notMine = (e: unknown) => {
    if (e instanceof ApiError && e.problem.status === 404) return completed;
    throw e;
  };
  const [appliance, maintenance] = await Promise.all([
    api.appliance(order.sourceId),
    api.maintenance(order.sourceId).catch(notMine),
  ]);
  return { kind: 'maintenance', appliance, maintenance, faults: [] };
}

/** The visit this work order completed, if the schedule shows it. */
export const completedVisit = (order: WorkOrder, maintenance?: Maintenance) =>
  maintenance?.visits.find((v) => v.workOrderId === order.workOrderId);

/** The job's state as the technician needs it: to do (the checklist is asked for), done, or not theirs any more. */
export function maintenanceStatus(
  order: WorkOrder,
  job: MaintenanceJob,
): 'visit-booked' | 'done' | 'not booked with you' {
  if (completedVisit(order, job.maintenance) || order.status === 'done') return 'done';
  if (job.maintenance?.booking?.workOrderId === order.workOrderId) return 'visit-booked';
  return 'not booked with you';
}
