import { createEvent, EventEnvelope, PurchaseRecorded } from '@appliance-care/contracts';

let counter = 0;

/** A purchase of the SPEC's shape with unique order id and serials: washing machine and gas hob to install, a kettle not. */
export function purchase(tag: string, overrides: Partial<PurchaseRecorded> = {}): PurchaseRecorded {
  const n = `${tag}-${++counter}-${Date.now().toString(36)}`;
  return {
    orderId: `ORD-${n}`,
    purchasedAt: '2026-01-31T10:15:00Z',
    channel: 'store',
    storeId: 'ST-042',
    customer: {
      id: `C-${n}`,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: '+441632960961',
      locale: 'en-GB',
      address: {
        line1: "12 St James's Square",
        city: 'London',
        postalCode: 'SW1Y 4JH',
        country: 'GB',
        region: 'london',
      },
    },
    items: [
      {
        lineId: '1',
        sku: 'WM-8KG-1400',
        category: 'washing-machine',
        brand: 'Acme',
        model: 'WM8',
        serialNumber: `WM-${n}`,
        warrantyMonths: 1,
        installation: { required: true, preferredWindow: { from: '2026-02-03T08:00:00Z', to: '2026-02-03T12:00:00Z' } },
      },
      {
        lineId: '2',
        sku: 'GH-60',
        category: 'gas-hob',
        brand: 'Acme',
        serialNumber: `GH-${n}`,
        warrantyMonths: 24,
        installation: { required: true },
      },
      { lineId: '3', sku: 'KT-1', category: 'kettle', serialNumber: `KT-${n}`, warrantyMonths: 12 },
    ],
    ...overrides,
  };
}

export const purchaseEvent = (data: PurchaseRecorded): EventEnvelope =>
  createEvent({ type: 'sales.purchase.recorded.v1', source: '/test/point-of-sale', subject: data.orderId, data });
