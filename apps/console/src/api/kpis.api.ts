import { ApiClient } from './api-client';

/** portal's GET /kpis (overall figures) and repairs' GET /stats: the numbers on the KPI tiles. */
export interface KpiReport {
  overall: {
    csat: { responses: number; meanRating: number | null; satisfiedShare: number | null };
    repairs: { completed: number; firstTimeFixRate: number | null; meanTimeToRepairMinutes: number | null };
  };
}
export interface RepairStats {
  completed: number;
  slaCompliance: number | null;
}

export const kpisApi = (api: ApiClient) => ({
  kpis: () => api.get<KpiReport>('portal', 'kpis'),
  repairStats: () => api.get<RepairStats>('repairs', 'stats'),
});
