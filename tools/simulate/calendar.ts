/** A day in milliseconds; the plan's days are UTC days. */
export const DAY = 86_400_000;

const startOfUtcDay = (t: number) => t - (t % DAY);
const isWeekday = (dayStart: number) => ![0, 6].includes(new Date(dayStart).getUTCDay());

/** The weekdays (their UTC midnights) from `from` on, in order. */
export function* weekdays(from: number): Generator<number> {
  for (let day = startOfUtcDay(from); ; day += DAY) if (isWeekday(day)) yield day;
}
