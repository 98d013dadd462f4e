import { expect } from '@jest/globals';

import { ConsoleSystem } from './console-system';

export interface Bought {
  washerId: string;
  dishwasherId: string;
  installationId: string;
  /** a second installation, for the customer to cancel */
  secondWasherId: string;
  secondWasherInstallationId: string;
}

const ADAS = { line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB', region: 'london' };

/**
 * Ada's order through the sales API: a washing machine she plugs in herself, and a dishwasher that
 * needs installing (London, which the seeded roster covers), so dispatch books a visit she can move,
 * and a second washing machine with installation, whose visit she cancels.
 */
export async function buyAdasAppliances(system: ConsoleSystem, customerId: string): Promise<Bought> {
  const res = await system.call('POST', 'sales-installation', 'purchases', {
    role: 'sales-system',
    body: {
      orderId: `ORD-CUSTOMER-${system.run}`,
      purchasedAt: new Date(Date.now() - 60_000).toISOString(),
      customer: {
        id: customerId,
        name: 'Ada Lovelace',
        email: `ada.${system.run}@example.org`,
        locale: 'en-GB',
        address: ADAS,
      },
      items: [
        item('1', 'washing-machine', 'WM8', `ACM-WM8-${system.run}`, false),
        item('2', 'dishwasher', 'DW6', `ACM-DW6-${system.run}`, true),
        item('3', 'washing-machine', 'WM9', `ACM-WM9-${system.run}`, true),
      ],
    },
  });
  expect(res.status).toBe(202);
  const [washer, dishwasher, second] = res.body.appliances;
  return {
    washerId: washer.applianceId,
    dishwasherId: dishwasher.applianceId,
    installationId: dishwasher.installationId,
    secondWasherId: second.applianceId,
    secondWasherInstallationId: second.installationId,
  };
}

/** Ada's boiler, bought 360 days ago: its annual gas-safety service falls due at once (Priya covers London). */
export async function buyAdasBoiler(system: ConsoleSystem, customerId: string): Promise<string> {
  const res = await system.call('POST', 'sales-installation', 'purchases', {
    role: 'sales-system',
    body: {
      orderId: `ORD-CUSTOMER-BOILER-${system.run}`,
      purchasedAt: new Date(Date.now() - 360 * 86_400_000).toISOString(),
      customer: { id: customerId, name: 'Ada Lovelace', email: `ada.${system.run}@example.org`, address: ADAS },
      items: [item('1', 'boiler', 'BO30', `ACM-BO30-${system.run}`, false)],
    },
  });
  expect(res.status).toBe(202);
  return res.body.appliances[0].applianceId;
}

function item(lineId: string, category: string, model: string, serialNumber: string, install: boolean) {
  return {
    lineId,
    sku: `${model}-1`,
    category,
    brand: 'Acme',
    model,
    serialNumber,
    warrantyMonths: 24,
    installation: { required: install },
  };
}
