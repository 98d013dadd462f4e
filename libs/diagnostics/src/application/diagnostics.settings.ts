import { DEFAULT_FAULT_HOLD_MINUTES } from '../domain/fault-hold.policy';

export const DIAGNOSTICS_SETTINGS = Symbol('DIAGNOSTICS_SETTINGS');

export interface DiagnosticsSettings {
  /** how long a device fault from an unknown serial waits for its appliance before it is dead-lettered */
  deviceFaultHoldMinutes: number;
  /** how often the held faults are swept (released when their appliance is known, given up when due) */
  heldFaultSweepMs: number;
  /** the consumer group its dead letters name (x-consumer-group), as MessagingModule names it */
  consumerGroup: string;
}

const nonNegative = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value ?? fallback);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
};

export function loadDiagnosticsSettings(env: NodeJS.ProcessEnv = process.env): DiagnosticsSettings {
  return {
    deviceFaultHoldMinutes: nonNegative(env['DEVICE_FAULT_HOLD_MINUTES'], DEFAULT_FAULT_HOLD_MINUTES),
    heldFaultSweepMs: nonNegative(env['DEVICE_FAULT_SWEEP_MS'], 5_000) || 5_000,
    // MessagingModule's group id for the service (libs/messaging/src/messaging.module.ts)
    consumerGroup: `${env['KAFKA_GROUP_PREFIX'] ?? ''}appliance-care.diagnostics`,
  };
}
