const OFFSET = /([+-])(\d{2}):?(\d{2})$|Z$/i;

/** Minutes east of UTC written in an ISO date-time (0 for Z). */
function offsetMinutes(iso: string): number {
  const offset = iso.match(OFFSET);
  if (!offset || !offset[1]) return 0;
  const minutes = Number(offset[2]) * 60 + Number(offset[3]);
  return offset[1] === '-' ? -minutes : minutes;
}

const daysInMonth = (year: number, monthIndex: number): number =>
  new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/**
 * Adds calendar months (negative: goes back) to an instant the way a person reads the date: in the
 * date-time's own time zone, keeping the time of day, and clamping to the last day of a shorter month
 * (31 January + 1 month = 28 or 29 February). The answer is in UTC. Warranty ends, maintenance due
 * dates and the simulator's purchase dates all count months this one way.
 */
export function addCalendarMonths(isoDateTime: string, months: number): string {
  const instant = Date.parse(isoDateTime);
  if (Number.isNaN(instant)) throw new RangeError(`not a date-time: ${isoDateTime}`);
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const offsetMs = offsetMinutes(isoDateTime) * 60_000;
  const local = new Date(instant + offsetMs);
  const totalMonths = local.getUTCFullYear() * 12 + local.getUTCMonth() + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const day = Math.min(local.getUTCDate(), daysInMonth(year, month));
  const shifted = Date.UTC(
    year,
    month,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return new Date(shifted - offsetMs).toISOString();
}
