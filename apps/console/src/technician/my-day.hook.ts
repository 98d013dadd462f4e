import { dispatchApi, WorkOrder } from '../api/dispatch.api';
import { useApi } from '../auth/session.context';
import { usePolled } from '../shared/use-polled.hook';

/** How far ahead "my day" looks: today and the next days, so tomorrow's first job is there too. */
const DAYS_AHEAD = 7;
const DAY_MS = 86_400_000;
/** Orders booked with the technician: open ones, and done ones so the day shows what was finished. */
const MINE = new Set(['assigned', 'accepted', 'en-route', 'in-progress', 'awaiting-parts', 'done']);

/** Dispatch takes UTC days (inclusive), `YYYY-MM-DD`. */
export function dayRange(now = new Date()): { from: string; to: string } {
  const day = (at: Date) => at.toISOString().slice(0, 10);
  return { from: day(now), to: day(new Date(now.getTime() + DAYS_AHEAD * DAY_MS)) };
}

const startOf = (o: WorkOrder) => o.window?.from ?? '9999';

/** The technician's open work orders from today on, in the order they are due. */
export function useMyDay(technicianId: string) {
  const api = useApi();
  const { from, to } = dayRange();
  return usePolled(
    () =>
      dispatchApi(api)
        .workOrdersOf(technicianId, from, to)
        .then((orders) =>
          orders.filter((o) => MINE.has(o.status)).sort((a, b) => startOf(a).localeCompare(startOf(b))),
        ),
    `${technicianId}:${from}`,
    5000,
  );
}
