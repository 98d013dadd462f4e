import { useCallback } from 'react';

import { WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { usePolled } from '../shared/use-polled.hook';
import { Case, Installation, KnownFault, technicianApi, Ticket } from './technician.api';

/** What the owning service holds about a job, and the knowledge base's faults for its appliance. */
export type JobDetails =
  | { kind: 'installation'; installation: Installation; faults: KnownFault[] }
  | { kind: 'diagnostic-visit'; case: Case; faults: KnownFault[] }
  | { kind: 'repair'; ticket: Ticket; faults: KnownFault[] };

async function loadDetails(api: ReturnType<typeof technicianApi>, order: WorkOrder): Promise<JobDetails> {
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
  const ticket = await api.ticket(order.sourceId);
  return { kind: 'repair', ticket, faults: await knowledge(ticket.category) };
}

export function useJobDetails(order: WorkOrder) {
  const api = useApi();
  const load = useCallback(() => loadDetails(technicianApi(api), order), [api, order]);
  return usePolled(load, `${order.workOrderId}:${order.status}`, 8000);
}
