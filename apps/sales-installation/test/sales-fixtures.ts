import { PurchaseRecorded } from '@appliance-care/contracts';
import { customerOf, purchaseOf, purchaseRecordedEvent, washingMachineLine } from '@appliance-care/testing';

let counter = 0;

/** A purchase of the SPEC's shape with unique order id and serials: washing machine and gas hob to install, a kettle not. */
export function purchase(tag: string, overrides: Partial<PurchaseRecorded> = {}): PurchaseRecorded {
  const n = `${tag}-${++counter}-${Date.now().toString(36)}`;
  const items = [
    washingMachineLine(`WM-${n}`, {
      model: 'WM8',
      warrantyMonths: 1,
      installation: { required: true, preferredWindow: { from: '2026-02-03T08:00:00Z', to: '2026-02-03T12:00:00Z' } },
    }),
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
  ];
  return purchaseOf(`ORD-${n}`, customerOf(`C-${n}`, { phone: '+441632960961' }), items, {
    purchasedAt: '2026-01-31T10:15:00Z',
    channel: 'store',
    storeId: 'ST-042',
    ...overrides,
  });
}

export const purchaseEvent = purchaseRecordedEvent;
