/**
 * What the simulated shops sell and how the simulated appliances break. Install skills mirror
 * libs/sales-installation/src/data/installation-catalogue.json; error codes and fault ids come from the
 * diagnostics knowledge base (libs/diagnostics/src/knowledge-base), chosen so triage routes them as the
 * scenario says. Severities are low or medium: their visits and repairs are due in days, which the
 * seeded roster can serve whatever the weekday the simulation runs on.
 */
export interface Product {
  sku: string;
  category: string;
  brand: string;
  model: string;
  /** the skill installing it takes (installation catalogue) */
  installSkill: string;
  /** how long installing takes (installation catalogue), for the planner's capacity estimate */
  installMinutes: number;
  /** share of sales */
  weight: number;
  /** most are delivered and installed; a few are carried home */
  installationRate: number;
  warrantyMonths: number;
}

export interface FaultScenario {
  errorCode: string;
  symptoms: string;
  /** triage sends remote guidance first (the knowledge base's top fault for the code has guidance) */
  guidance: boolean;
  /** the skill the visit and the repair take */
  skill: string;
  /** the knowledge-base fault the visiting technician confirms when a repair is needed */
  repairFaultId: string;
  parts: { sku: string; name: string; quantity: number }[];
}

export const PRODUCTS: readonly Product[] = [
  {
    sku: 'WM-8KG-1400',
    category: 'washing-machine',
    brand: 'Acme',
    model: 'WM8',
    installSkill: 'appliance-general',
    installMinutes: 60,
    weight: 28,
    installationRate: 0.9,
    warrantyMonths: 24,
  },
  {
    sku: 'DW-60-QUIET',
    category: 'dishwasher',
    brand: 'Acme',
    model: 'DW60',
    installSkill: 'appliance-general',
    installMinutes: 90,
    weight: 18,
    installationRate: 0.9,
    warrantyMonths: 24,
  },
  {
    sku: 'RF-FF-70',
    category: 'refrigerator',
    brand: 'Polar',
    model: 'FF70',
    installSkill: 'appliance-general',
    installMinutes: 45,
    weight: 14,
    installationRate: 0.8,
    warrantyMonths: 12,
  },
  {
    sku: 'TD-9KG-HP',
    category: 'tumble-dryer',
    brand: 'Acme',
    model: 'TD9',
    installSkill: 'appliance-general',
    installMinutes: 60,
    weight: 8,
    installationRate: 0.85,
    warrantyMonths: 12,
  },
  {
    sku: 'GH-4B-60',
    category: 'gas-hob',
    brand: 'Flame',
    model: 'GH60',
    installSkill: 'gas-safe',
    installMinutes: 120,
    weight: 8,
    installationRate: 1,
    warrantyMonths: 24,
  },
  {
    sku: 'OV-BI-72L',
    category: 'built-in-oven',
    brand: 'Flame',
    model: 'BI72',
    installSkill: 'electrician',
    installMinutes: 120,
    weight: 8,
    installationRate: 1,
    warrantyMonths: 24,
  },
  {
    sku: 'AC-SPLIT-35',
    category: 'air-conditioner',
    brand: 'Breeze',
    model: 'S35',
    installSkill: 'hvac',
    installMinutes: 240,
    weight: 6,
    installationRate: 1,
    warrantyMonths: 36,
  },
  {
    sku: 'BL-COMBI-30',
    category: 'boiler',
    brand: 'Therm',
    model: 'C30',
    installSkill: 'gas-safe',
    installMinutes: 480,
    weight: 4,
    installationRate: 1,
    warrantyMonths: 60,
  },
];

export const FAULTS: Readonly<Record<string, readonly FaultScenario[]>> = {
  'washing-machine': [
    {
      errorCode: 'E21',
      symptoms: 'water left in the drum after the wash',
      guidance: true,
      skill: 'appliance-general',
      repairFaultId: 'wm-drain-pump-failed',
      parts: [{ sku: 'WM-DP-30W', name: 'Drain pump 30 W', quantity: 1 }],
    },
    {
      errorCode: 'E17',
      symptoms: 'the machine does not fill with water',
      guidance: true,
      skill: 'appliance-general',
      repairFaultId: 'wm-inlet-valve-failed',
      parts: [{ sku: 'WM-IV-2WAY', name: 'Inlet valve, 2-way 230 V', quantity: 1 }],
    },
    {
      errorCode: 'HE',
      symptoms: 'the washing stays cold',
      guidance: false,
      skill: 'appliance-general',
      repairFaultId: 'wm-heater-failed',
      parts: [{ sku: 'WM-HTR-2000', name: 'Heating element 2000 W with NTC', quantity: 1 }],
    },
  ],
  dishwasher: [
    {
      errorCode: 'E24',
      symptoms: 'water stays at the bottom of the tub',
      guidance: true,
      skill: 'appliance-general',
      repairFaultId: 'dw-drain-pump-failed',
      parts: [{ sku: 'DW-DP-30W', name: 'Dishwasher drain pump', quantity: 1 }],
    },
    {
      errorCode: 'E15',
      symptoms: 'the dishwasher stops and pumps all the time',
      guidance: false,
      skill: 'appliance-general',
      repairFaultId: 'dw-leak-protection',
      parts: [{ sku: 'DW-SEAL-SUMP', name: 'Sump seal kit', quantity: 1 }],
    },
  ],
  'gas-hob': [
    {
      errorCode: 'E1',
      symptoms: 'a burner clicks but does not light',
      guidance: true,
      skill: 'gas-safe',
      repairFaultId: 'oh-thermocouple-failed',
      parts: [{ sku: 'GH-TC-450', name: 'Thermocouple 450 mm', quantity: 1 }],
    },
  ],
  'air-conditioner': [
    {
      errorCode: 'E4',
      symptoms: 'water drips from the indoor unit',
      guidance: false,
      skill: 'hvac',
      repairFaultId: 'ac-condensate-blocked',
      parts: [{ sku: 'AC-CP-MINI', name: 'Mini condensate pump', quantity: 1 }],
    },
  ],
  boiler: [
    {
      errorCode: 'F22',
      symptoms: 'no heating and the pressure gauge reads low',
      guidance: true,
      skill: 'gas-safe',
      repairFaultId: 'bl-pump-failed',
      parts: [{ sku: 'BL-PUMP-15-60', name: 'Circulation pump 15-60', quantity: 1 }],
    },
  ],
};
