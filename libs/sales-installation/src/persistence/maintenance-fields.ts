import { definedOnlyDeep } from '@appliance-care/platform';

import { nextCheckAt } from '../domain/maintenance-due.policy';
import { MaintenanceScheduleState } from '../domain/maintenance-schedule';

/**
 * The appliance fields a schedule is stored in: the state itself (undefined fields dropped), its
 * version, and the copies the sweeper's and the completion's indexes need (unset when absent).
 */
export function scheduleFields(
  state: MaintenanceScheduleState,
  version: number,
): { $set: Record<string, unknown>; $unset: Record<string, ''> } {
  const $set: Record<string, unknown> = { maintenance: definedOnlyDeep(state), maintenanceVersion: version };
  const $unset: Record<string, ''> = {};
  const checkAt = nextCheckAt(state);
  if (checkAt) $set['maintenanceCheckAt'] = checkAt;
  else $unset['maintenanceCheckAt'] = '';
  if (state.booking) $set['maintenanceWorkOrderId'] = state.booking.workOrderId;
  else $unset['maintenanceWorkOrderId'] = '';
  return { $set, $unset };
}
