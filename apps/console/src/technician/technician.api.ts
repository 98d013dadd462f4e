import { ApiClient } from '../api/api-client';

/** The parts of the services' answers the technician's screen shows (each service's /docs has all). */
export interface Address {
  line1?: string;
  city?: string;
  postalCode?: string;
}
export interface Part {
  sku: string;
  name: string;
  quantity: number;
}

export interface Installation {
  installationId: string;
  category: string;
  serialNumber: string;
  status: string;
  address: Address;
  checklist: { item: string; label: string }[];
}

export interface Case {
  caseId: string;
  state: string;
  category: string;
  symptoms?: string;
  errorCode?: string;
  address?: Address;
  triage: { explanation: string; candidates: { faultId?: string; description?: string }[]; guidance?: string[] };
}

export interface Ticket {
  ticketId: string;
  status: string;
  category: string;
  address?: Address;
  faults: { code?: string; component?: string; description?: string }[];
  parts: Part[];
  allowedActions: string[];
}

/** sales-installation's appliance: what the maintenance job is on. */
export interface Appliance {
  applianceId: string;
  category: string;
  serialNumber: string;
  sku: string;
  brand?: string;
  model?: string;
}

export interface MaintenanceAnswer {
  item: string;
  ok: boolean;
  note?: string;
}

/** sales-installation's maintenance schedule of an appliance (readable by the technician it is booked with). */
export interface Maintenance {
  applianceId: string;
  plan?: { planId: string; name: string; checklist: { item: string; label: string }[] };
  status: string;
  cycle?: number;
  dueAt?: string;
  booking?: { workOrderId: string; technicianId: string };
  visits: { cycle: number; workOrderId: string; completedAt: string; checklist: MaintenanceAnswer[] }[];
}

export interface KnownFault {
  id: string;
  component: string;
  description: string;
  parts: Part[];
  guidance?: string[];
}

const enc = encodeURIComponent;

export const technicianApi = (api: ApiClient) => ({
  installation: (id: string) => api.get<Installation>('sales-installation', `installations/${enc(id)}`),
  installationStep: (id: string, step: 'start' | 'complete' | 'fail' | 'reschedule', body?: unknown) =>
    api.post<Installation>('sales-installation', `installations/${enc(id)}/${step}`, body),
  case: (id: string) => api.get<Case>('diagnostics', `cases/${enc(id)}`),
  recordResults: (id: string, body: unknown) => api.post<Case>('diagnostics', `cases/${enc(id)}/results`, body),
  knowledge: (category: string) =>
    api.get<{ faults: KnownFault[] }>('diagnostics', `knowledge-base/${enc(category)}`).then((k) => k.faults),
  ticket: (id: string) => api.get<Ticket>('repairs', `tickets/${enc(id)}`),
  ticketStep: (id: string, step: string, body: unknown = {}) =>
    api.post<Ticket>('repairs', `tickets/${enc(id)}/${step}`, body),
  appliance: (id: string) => api.get<Appliance>('sales-installation', `appliances/${enc(id)}`),
  maintenance: (applianceId: string) =>
    api.get<Maintenance>('sales-installation', `appliances/${enc(applianceId)}/maintenance`),
  completeMaintenance: (workOrderId: string, checklist: MaintenanceAnswer[]) =>
    api.post<Maintenance>('sales-installation', `maintenance-visits/${enc(workOrderId)}/complete`, { checklist }),
  orderStep: (id: string, step: 'accept' | 'decline' | 'en-route', body: unknown = {}) =>
    api.post<unknown>('dispatch', `work-orders/${enc(id)}/${step}`, body),
});
export type TechnicianApi = ReturnType<typeof technicianApi>;
