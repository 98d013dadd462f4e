/** How long a device fault may wait for its appliance's registration (DEVICE_FAULT_HOLD_MINUTES). */
export const DEFAULT_FAULT_HOLD_MINUTES = 30;

export type FaultHoldDecision = { hold: true; until: Date; reason: string } | { hold: false; reason: string };

/**
 * A fault from a serial diagnostics does not know yet: purchase and first fault can be minutes apart,
 * and the registration travels on another topic, so it may simply not be here yet. The deadline is
 * computed from the event's own time, never from when this process first saw it, so a restart or a
 * redelivery reaches the same decision.
 */
export function decideFaultHold(
  serialNumber: string,
  eventTime: Date,
  now: Date,
  holdMinutes: number,
): FaultHoldDecision {
  const until = new Date(eventTime.getTime() + holdMinutes * 60_000);
  if (now.getTime() < until.getTime()) {
    return {
      hold: true,
      until,
      reason: `no appliance with serial ${serialNumber} yet; held until ${until.toISOString()}`,
    };
  }
  return {
    hold: false,
    reason:
      `no appliance with serial number ${serialNumber} is registered with diagnostics ` +
      `(held ${holdMinutes} min after the fault's time ${eventTime.toISOString()})`,
  };
}
