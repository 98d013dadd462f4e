import { useMemo } from 'react';

import { ApiClient } from '../api/api-client';
import { dispatchApi, Technician, WorkOrder } from '../api/dispatch.api';
import { Polled, usePolled } from '../shared/use-polled.hook';
import { AxisRange } from './time-axis';

export interface BoardFilters {
  region: string;
  skill: string;
}

export const matchesTechnician = (t: Technician, f: BoardFilters): boolean =>
  (!f.region || t.homeRegion === f.region || t.regions.includes(f.region)) && (!f.skill || t.skills.includes(f.skill));

export const matchesOrder = (o: WorkOrder, f: BoardFilters): boolean =>
  (!f.region || o.region === f.region) && (!f.skill || o.requiredSkill === f.skill);

/**
 * The appliance roster (library technicians work at a branch on queue items, never on visits: not
 * on this board), and each technician's bookings in the range: polled, so the board follows the events.
 */
export function useSchedule(
  api: ApiClient,
  range: AxisRange,
): Polled<{ technicians: Technician[]; bookings: Map<string, WorkOrder[]> }> {
  const dispatch = useMemo(() => dispatchApi(api), [api]);
  return usePolled(async () => {
    const technicians = (await dispatch.technicians())
      .filter((t) => !t.branch)
      .sort((a, b) => a.name.localeCompare(b.name));
    const lists = await Promise.all(
      technicians.map((t) => dispatch.workOrdersOf(t.technicianId, range.fromDay, range.toDay)),
    );
    return { technicians, bookings: new Map(technicians.map((t, i) => [t.technicianId, lists[i]])) };
  }, `${range.fromDay}/${range.toDay}`);
}

/** Values for the filter lists: every region and skill on the roster. */
export function rosterValues(technicians: Technician[]): { regions: string[]; skills: string[] } {
  const regions = new Set(technicians.flatMap((t) => [t.homeRegion, ...t.regions]));
  const skills = new Set(technicians.flatMap((t) => t.skills));
  return { regions: [...regions].sort(), skills: [...skills].sort() };
}
