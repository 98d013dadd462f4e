import { DEFAULT_FAULT_HOLD_MINUTES } from '../domain/fault-hold.policy';

export const DIAGNOSTICS_SETTINGS = Symbol('DIAGNOSTICS_SETTINGS');

export interface DiagnosticsSettings {
  /** how long a device fault from an unknown serial waits for its appliance before it is dead-lettered */
  deviceFaultHoldMinutes: number;
}

export function loadDiagnosticsSettings(env: NodeJS.ProcessEnv = process.env): DiagnosticsSettings {
  const hold = Number(env['DEVICE_FAULT_HOLD_MINUTES'] ?? DEFAULT_FAULT_HOLD_MINUTES);
  return { deviceFaultHoldMinutes: Number.isFinite(hold) && hold >= 0 ? hold : DEFAULT_FAULT_HOLD_MINUTES };
}

/**
 * A fault waiting for its appliance's registration: not a poison message, so the consumer retries it
 * (in place, then with its partition paused and resumed after a backoff) until the hold ends.
 */
export class FaultHeldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultHeldError';
  }
}
