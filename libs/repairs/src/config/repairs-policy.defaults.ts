import type { RepairsPolicyInput } from './repairs-policy.config';

/**
 * The policy a deployment starts from; REPAIRS_POLICY_FILE / REPAIRS_POLICY_JSON override any part
 * of it. Prices are in the price list's currency, per unit or per hour.
 */
export const DEFAULT_REPAIRS_POLICY: RepairsPolicyInput = {
  sla: {
    due: { critical: '4h', high: '24h', medium: '72h', low: '5d' },
    pauseWhileAwaitingParts: true,
    scanIntervalMs: 30_000,
    warningShare: 0.75,
  },
  defaultSkill: 'appliance-general',
  durations: {
    defaultMinutes: 90,
    byCategory: {
      'washing-machine': 90,
      'tumble-dryer': 75,
      dishwasher: 75,
      refrigerator: 120,
      freezer: 120,
      oven: 90,
      hob: 60,
      boiler: 120,
      'heat-pump': 180,
      'air-conditioner': 150,
    },
    bySkill: { 'gas-safe': 120, hvac: 150, refrigeration: 120, electrician: 90 },
  },
  priceList: {
    currency: 'GBP',
    callOutFee: 65,
    defaultPartPrice: 35,
    parts: {
      'DRAIN-PUMP-01': 42.5,
      'DOOR-SEAL-01': 28,
      'HEATER-2KW': 54.99,
      'CARBON-BRUSH-SET': 18.5,
      'CONTROL-BOARD-01': 129,
      'THERMOSTAT-01': 24.75,
      'COMPRESSOR-01': 310,
      'FAN-MOTOR-01': 68,
    },
    labourRatePerHour: { default: 55, bySkill: { 'gas-safe': 75, refrigeration: 70, hvac: 72, electrician: 60 } },
  },
};
