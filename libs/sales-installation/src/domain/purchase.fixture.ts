import { PurchaseRecorded } from '@appliance-care/contracts';

/** The SPEC §4 example with three items (two need installation), for tests. */
export const samplePurchase = (): PurchaseRecorded => ({
  orderId: 'ORD-2026-000123',
  purchasedAt: '2026-11-28T10:15:00Z',
  channel: 'store',
  storeId: 'ST-042',
  customer: {
    id: 'C-1001',
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: '+441632960961',
    locale: 'en-GB',
    address: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB', region: 'london' },
  },
  items: [
    {
      lineId: '1',
      sku: 'WM-8KG-1400',
      category: 'washing-machine',
      brand: 'Acme',
      model: 'WM8',
      serialNumber: 'ACM-WM8-000001',
      warrantyMonths: 24,
      installation: { required: true, preferredWindow: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T12:00:00Z' } },
    },
    {
      lineId: '2',
      sku: 'GH-60',
      category: 'gas-hob',
      serialNumber: 'ACM-GH-000001',
      warrantyMonths: 12,
      installation: { required: true },
    },
    { lineId: '3', sku: 'KT-1', category: 'kettle', serialNumber: 'ACM-KT-000001', warrantyMonths: 12 },
  ],
});
