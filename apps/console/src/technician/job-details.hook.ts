import { useCallback, useRef } from 'react';

import { WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { usePolled } from '../shared/use-polled.hook';
import { loadMaintenanceJob, MaintenanceJob } from './maintenance-job.data';
import { Case, Installation, KnownFault, Maintenance, technicianApi, Ticket } from './technician.api';

/** What the owning service holds about a job, and the knowledge base's faults for its appliance. */
export type JobDetails =
  | { kind: 'installation'; installation: Installation; faults: KnownFault[] }
  | { kind: 'diagnostic-visit'; case: Case; faults: KnownFault[] }
  | { kind: 'repair'; ticket: Ticket; faults: KnownFault[] }
  | MaintenanceJob;

async function loadDetails(
  api: ReturnType<typeof technicianApi>,
  order: WorkOrder,
  completed?: Maintenance,
): Promise<JobDetails> {
  // the knowledge base is guidance only: a job is shown without it when it cannot be read
  const knowledge = (category: string) => api.knowledge(category).catch(() => [] as KnownFault[]);
  if (order.kind === 'installation') {
    const installation = await api.installation(order.sourceId);
    return { kind: 'installation', installation, faults: [] };
  }
  if (order.kind === 'diagnostic-visit') {
    const found = await api.case(order.sourceId);
    return { kind: 'diagnostic-visit', case: found, faults: await knowledge(found.category) };
  }
  if (order.kind === 'maintenance') return loadMaintenanceJob(api, order, completed);
  if (order.kind !== 'repair') throw new Error(`a job of kind ${String(order.kind)} cannot be shown here yet`);
  const ticket = await api.ticket(order.sourceId);
  return { kind: 'repair', ticket, faults: await knowledge(ticket.category) };
}

export function useJobDetails(order: WorkOrder) {
  const api = useApi();
  // what completing a maintenance visit answered: the schedule is not the technician's to read after it
  const completed = useRef<Maintenance>(undefined);
  const load = useCallback(() => loadDetails(technicianApi(api), order, completed.current), [api, order]);
  const polled = usePolled(load, `${order.workOrderId}:${order.status}`, 8000);
  const maintenanceCompleted = useCallback((view: Maintenance) => {
    completed.current = view;
  }, []);
  return { ...polled, maintenanceCompleted };
}
