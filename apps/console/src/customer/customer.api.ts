import { ApiClient } from '../api/api-client';

/** The parts of portal's, diagnostics', dispatch's, sales' and notifications' answers the customer sees. */
export interface Appointment {
  kind: 'installation' | 'diagnostic-visit' | 'repair' | 'maintenance';
  from: string;
  to: string;
  technicianName?: string;
}

export interface ApplianceSummary {
  applianceId: string;
  status: string;
  statusSince: string;
  appliance?: {
    serialNumber: string;
    category: string;
    sku: string;
    brand?: string;
    model?: string;
    warrantyEndsAt: string;
  };
  appointment?: Appointment;
}

export interface MaintenanceBooking {
  status: string;
  booking?: { workOrderId: string };
}

export interface TimelineView {
  applianceId: string;
  status?: string;
  entries: { id: string; type: string; time: string; who: { kind: string; name?: string }; summary: string }[];
}

export interface DiagnosticCase {
  caseId: string;
  state: string;
  outcome?: string;
  applianceId: string;
  errorCode?: string;
  symptoms?: string;
  triage: { route: 'guidance' | 'visit'; severity: string; guidance?: string[] };
  workOrderId?: string;
  visitWindow?: { from: string; to: string };
}

export interface Installation {
  installationId: string;
  applianceId: string;
  status: string;
  workOrderId?: string;
  window?: { from: string; to: string };
}

export interface RepairTicket {
  ticketId: string;
  applianceId: string;
  status: string;
  workOrderId?: string;
}

export interface Slot {
  technicianId: string;
  technicianName: string;
  window: { from: string; to: string };
}

export interface FeedEntry {
  id: string;
  eventType: string;
  applianceId?: string;
  subject?: string;
  text: string;
  createdAt: string;
}

export interface Preferences {
  channels: Partial<Record<'email' | 'sms' | 'webhook' | 'in-app', boolean>>;
  quietHours: { from: string; to: string; timezone: string } | null;
}

const id = encodeURIComponent;

export const customerApi = (api: ApiClient) => ({
  appliances: (customerId: string) =>
    api.get<{ items: ApplianceSummary[] }>('portal', `customers/${id(customerId)}/appliances`).then((r) => r.items),
  timeline: (applianceId: string) => api.get<TimelineView>('portal', `appliances/${id(applianceId)}/timeline`),
  cases: (applianceId: string) =>
    api.get<{ items: DiagnosticCase[] }>('diagnostics', 'cases', { applianceId }).then((r) => r.items),
  reportProblem: (applianceId: string, body: { symptoms: string; errorCode?: string }) =>
    api.post<DiagnosticCase>('diagnostics', `appliances/${id(applianceId)}/problems`, body),
  guidanceOutcome: (caseId: string, fixed: boolean) =>
    api.post<DiagnosticCase>('diagnostics', `cases/${id(caseId)}/guidance-outcome`, { fixed }),
  // the portal's appointment has no work order id: the customer's own installation jobs carry it
  installations: (customerId: string) =>
    api.get<{ items: Installation[] }>('sales-installation', 'installations', { customerId }).then((r) => r.items),
  tickets: (customerId: string, applianceId: string) =>
    api.get<{ items: RepairTicket[] }>('repairs', 'tickets', { customerId, applianceId }).then((r) => r.items),
  // a planned maintenance visit's work order is on the appliance's schedule (sales-installation)
  maintenance: (applianceId: string) =>
    api.get<MaintenanceBooking>('sales-installation', `appliances/${id(applianceId)}/maintenance`),
  slots: (workOrderId: string) =>
    api.get<{ slots: Slot[] }>('dispatch', `work-orders/${id(workOrderId)}/slots`).then((r) => r.slots),
  reschedule: (workOrderId: string, slot: Slot) =>
    api.post('dispatch', `work-orders/${id(workOrderId)}/reschedule`, {
      slot: { technicianId: slot.technicianId, start: slot.window.from },
    }),
  cancel: (workOrderId: string, reason: string) =>
    api.post('dispatch', `work-orders/${id(workOrderId)}/cancel`, { reason }),
  feed: (recipientId: string) =>
    api.get<{ items: FeedEntry[] }>('notifications', `recipients/${id(recipientId)}/feed`).then((r) => r.items),
  recipient: (recipientId: string) =>
    api.get<{ preferences: Preferences }>('notifications', `recipients/${id(recipientId)}`),
  savePreferences: (recipientId: string, preferences: Preferences) =>
    api.put<{ preferences: Preferences }>('notifications', `recipients/${id(recipientId)}/preferences`, preferences),
});

export type CustomerApi = ReturnType<typeof customerApi>;
