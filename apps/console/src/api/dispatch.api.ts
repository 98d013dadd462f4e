import { ApiClient } from './api-client';

/** The parts of dispatch's answers the console shows (dispatch's OpenAPI at /docs has them all). */
export type WorkOrderKind = 'installation' | 'diagnostic-visit' | 'repair' | 'maintenance';
export interface TimeWindow {
  from: string;
  to: string;
}
export interface WorkingDay {
  start: string;
  end: string;
}
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface Technician {
  technicianId: string;
  name: string;
  skills: string[];
  homeRegion: string;
  regions: string[];
  workingHours: Partial<Record<Weekday, WorkingDay>>;
  timeOff: (TimeWindow & { reason?: string })[];
  active: boolean;
  /** a library technician's branch: they take library queue items there, never appliance work */
  branch?: string;
}

export interface WorkOrder {
  workOrderId: string;
  kind: WorkOrderKind;
  sourceId: string;
  summary: string;
  requiredSkill: string;
  region: string;
  durationMinutes: number;
  priority: string;
  status: string;
  technicianId?: string;
  technicianName?: string;
  window?: TimeWindow;
  preferredWindow?: TimeWindow;
  reason?: string;
  dueBy?: string;
  address?: { line1?: string; city?: string; postalCode?: string };
  override?: { failedChecks: string[]; reason: string; by: string; at: string };
}

export interface TicketAtRisk {
  ticketId: string;
  workOrderId?: string;
  slaDueAt: string;
  priority: string;
  breached: boolean;
  technicianName?: string;
  region?: string;
}

export interface DispatchBoard {
  generatedAt: string;
  unassigned: WorkOrder[];
  atRisk: (WorkOrder & { dueAt: string; overdue: boolean })[];
  ticketsAtRisk: TicketAtRisk[];
  awaitingParts: WorkOrder[];
  maintenanceOverdue: MaintenanceOverdue[];
}

/** An appliance whose planned maintenance is overdue, with the maintenance work order serving it now (if any). */
export interface MaintenanceOverdue {
  applianceId: string;
  customerId: string;
  planId: string;
  planName: string;
  cycle: number;
  dueAt: string;
  overdueAt: string;
  region: string;
  workOrderId?: string;
  status?: string;
  technicianId?: string;
  window?: TimeWindow;
}

export interface Placement {
  technicianId: string;
  start: string;
  overrideReason?: string;
}

export const dispatchApi = (api: ApiClient) => ({
  technicians: () => api.get<Technician[]>('dispatch', 'technicians'),
  workOrdersOf: (technicianId: string, from: string, to: string) =>
    api
      .get<{ workOrders: WorkOrder[] }>('dispatch', `technicians/${encodeURIComponent(technicianId)}/work-orders`, {
        from,
        to,
      })
      .then((r) => r.workOrders),
  board: () => api.get<DispatchBoard>('dispatch', 'board'),
  workOrder: (id: string) => api.get<WorkOrder>('dispatch', `work-orders/${encodeURIComponent(id)}`),
  place: (id: string, placement: Placement) =>
    api.post<WorkOrder>('dispatch', `work-orders/${encodeURIComponent(id)}/assign`, placement),
});
