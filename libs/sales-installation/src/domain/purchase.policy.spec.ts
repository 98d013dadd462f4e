import { purchaseRecordedSchema } from '@appliance-care/contracts';
import { ValidationFailedError } from '@appliance-care/kernel';

import { applianceIdFor } from './appliance-identity';
import { InstallationCatalogue } from './installation-catalogue';
import { samplePurchase } from './purchase.fixture';
import { planPurchase } from './purchase.plan';
import { checkPurchaseRules, fingerprint, purchaseRequestSchema } from './purchase.policy';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationFailedError) return err.errors.map((e) => e.field);
    throw err;
  }
  return [];
};

describe('purchase validation', () => {
  it('accepts the SPEC example', () => {
    expect(purchaseRequestSchema.safeParse(samplePurchase()).success).toBe(true);
    expect(() => checkPurchaseRules(samplePurchase())).not.toThrow();
  });

  it.each([
    ['orderId', (p: any) => delete p.orderId],
    ['purchasedAt', (p: any) => (p.purchasedAt = '28/11/2026')],
    ['customer.id', (p: any) => delete p.customer.id],
    ['customer.name', (p: any) => delete p.customer.name],
    ['items', (p: any) => (p.items = [])],
    ['items.0.sku', (p: any) => delete p.items[0].sku],
    ['items.0.category', (p: any) => delete p.items[0].category],
    ['items.0.serialNumber', (p: any) => delete p.items[0].serialNumber],
    ['items.0.warrantyMonths', (p: any) => (p.items[0].warrantyMonths = 121)],
    ['items.1.warrantyMonths', (p: any) => (p.items[1].warrantyMonths = -1)],
    [
      'customer.email',
      (p: any) => {
        delete p.customer.email;
        delete p.customer.phone;
      },
    ],
  ])('names %s when it is missing or wrong', (field, mutate) => {
    const p = samplePurchase();
    mutate(p);
    const result = purchaseRecordedSchema.safeParse(p);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('accepts a customer with a phone and no email', () => {
    const p = samplePurchase();
    delete p.customer.email;
    expect(purchaseRecordedSchema.safeParse(p).success).toBe(true);
  });

  it('refuses unknown fields on the REST body, at every level', () => {
    const p = samplePurchase() as any;
    p.customer.emial = 'typo@example.org';
    p.items[0].colour = 'white';
    const result = purchaseRequestSchema.safeParse(p);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['customer', 'items.0']));
  });

  it('keeps the email-or-phone rule on the strict REST body', () => {
    const p = samplePurchase();
    delete p.customer.email;
    delete p.customer.phone;
    expect(purchaseRequestSchema.safeParse(p).success).toBe(false);
  });

  it('refuses the same serial twice in one order, naming the second item', () => {
    const p = samplePurchase();
    p.items[2].serialNumber = p.items[0].serialNumber;
    expect(fieldsOf(() => checkPurchaseRules(p))).toEqual(['items.2.serialNumber']);
  });

  it('refuses a repeated line id', () => {
    const p = samplePurchase();
    p.items[1].lineId = '1';
    expect(fieldsOf(() => checkPurchaseRules(p))).toEqual(['items.1.lineId']);
  });

  it('needs the address when an item needs installation', () => {
    const p = samplePurchase();
    delete p.customer.address;
    expect(fieldsOf(() => checkPurchaseRules(p))).toEqual(['customer.address']);
    p.items.forEach((i) => delete i.installation);
    expect(fieldsOf(() => checkPurchaseRules(p))).toEqual([]);
  });
});

describe('purchase fingerprint', () => {
  it('ignores key order and undefined fields, not content', () => {
    const a = samplePurchase();
    const b = JSON.parse(
      JSON.stringify({
        items: a.items,
        customer: a.customer,
        orderId: a.orderId,
        purchasedAt: a.purchasedAt,
        storeId: a.storeId,
        channel: a.channel,
      }),
    );
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint({ ...a, storeId: undefined })).toBe(
      fingerprint({ ...a, storeId: undefined, channel: a.channel }),
    );
    expect(fingerprint({ ...a, storeId: 'ST-043' })).not.toBe(fingerprint(a));
  });
});

describe('purchase plan', () => {
  it('registers every item and plans installations only for those that need one', () => {
    const plan = planPurchase(samplePurchase(), InstallationCatalogue.load());
    expect(plan.appliances.map((a) => a.applianceId)).toEqual(
      ['ACM-WM8-000001', 'ACM-GH-000001', 'ACM-KT-000001'].map(applianceIdFor),
    );
    expect(plan.appliances[0]).toMatchObject({
      warrantyEndsAt: '2028-11-28T10:15:00.000Z',
      region: 'london',
      installationRequired: true,
      customerId: 'C-1001',
    });
    expect(plan.appliances[2]).toMatchObject({ installationRequired: false });
    expect(plan.appliances[2].installationId).toBeUndefined();
    expect(plan.installations).toHaveLength(2);
    expect(plan.installations[0]).toMatchObject({
      requiredSkill: 'appliance-general',
      durationMinutes: 60,
      region: 'london',
      preferredWindow: { from: '2026-12-01T08:00:00Z' },
    });
    expect(plan.installations[1]).toMatchObject({
      requiredSkill: 'gas-safe',
      durationMinutes: 120,
      preferredWindow: undefined,
    });
    expect(plan.installations[0].installationId).toBe(plan.appliances[0].installationId);
  });

  it('derives the same ids from the same serials, every time', () => {
    expect(applianceIdFor('ACM-WM8-000001')).toBe(applianceIdFor('ACM-WM8-000001'));
    expect(applianceIdFor('ACM-WM8-000001')).not.toBe(applianceIdFor('ACM-WM8-000002'));
    expect(applianceIdFor('ACM-WM8-000001')).toMatch(/^APL-[0-9A-F]{24}$/);
  });
});
