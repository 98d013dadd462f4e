import { z } from 'zod';

import { isoDateTime, timeWindowSchema } from '@appliance-care/contracts';

import { phaseOf } from '../domain/maintenance-schedule';
import { MaintainedAppliance } from '../persistence/maintenance.repository';

const answerSchema = z.object({ item: z.string(), ok: z.boolean(), note: z.string().optional() });

/** The API's view of an appliance's maintenance: its plan and where the current cycle stands. */
export const maintenanceViewSchema = z.object({
  applianceId: z.string(),
  customerId: z.string(),
  plan: z
    .object({
      planId: z.string(),
      name: z.string(),
      intervalMonths: z.number(),
      requiredSkill: z.string(),
      durationMinutes: z.number(),
      leadDays: z.number(),
      checklist: z.array(z.object({ item: z.string(), label: z.string() })),
    })
    .optional()
    .describe('absent: the appliance has no maintenance plan'),
  status: z.enum(['none', 'opted-out', 'waiting', 'visit-requested', 'visit-booked']),
  cycle: z.number().int().optional(),
  dueAt: isoDateTime.optional(),
  overdue: z.boolean(),
  requestedAt: isoDateTime.optional(),
  booking: z
    .object({
      workOrderId: z.string(),
      technicianId: z.string(),
      technicianName: z.string().optional(),
      window: timeWindowSchema,
    })
    .optional(),
  lastCompletedAt: isoDateTime.optional(),
  visits: z.array(
    z.object({
      cycle: z.number().int(),
      workOrderId: z.string(),
      technicianId: z.string(),
      completedAt: isoDateTime,
      checklist: z.array(answerSchema),
    }),
  ),
});
export type MaintenanceView = z.infer<typeof maintenanceViewSchema>;

export function maintenanceView(doc: MaintainedAppliance): MaintenanceView {
  const state = doc.maintenance;
  if (!state) return { applianceId: doc._id, customerId: doc.customerId, status: 'none', overdue: false, visits: [] };
  return {
    applianceId: doc._id,
    customerId: doc.customerId,
    plan: state.plan,
    status: phaseOf(state),
    cycle: state.cycle,
    dueAt: state.dueAt,
    overdue: state.overdueAt !== undefined,
    requestedAt: state.requestedAt,
    booking: state.booking,
    lastCompletedAt: state.lastCompletedAt,
    visits: state.visits,
  };
}
