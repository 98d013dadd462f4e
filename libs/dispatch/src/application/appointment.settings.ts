export const APPOINTMENT_SETTINGS = Symbol('APPOINTMENT_SETTINGS');

/** What customers are offered when they choose or move an appointment. */
export interface AppointmentSettings {
  /** windows are offered over the next this many days (APPOINTMENT_SLOT_DAYS) */
  slotDays: number;
  /** at most this many windows, earliest first (APPOINTMENT_SLOT_COUNT, at least 5) */
  slotCount: number;
}

export const MIN_SLOT_COUNT = 5;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
}

/** A customer chooses among enough windows to find one that suits: fewer than 5 is refused at start-up. */
export function loadAppointmentSettings(env: NodeJS.ProcessEnv = process.env): AppointmentSettings {
  return {
    slotDays: positiveInteger(env, 'APPOINTMENT_SLOT_DAYS', 14),
    slotCount: positiveInteger(env, 'APPOINTMENT_SLOT_COUNT', 10, MIN_SLOT_COUNT),
  };
}
