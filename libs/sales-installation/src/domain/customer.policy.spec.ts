import { mergeCustomer } from './customer.policy';
import { samplePurchase } from './purchase.fixture';

describe('customer merge', () => {
  it('registers a new customer with the default locale', () => {
    const p = samplePurchase();
    delete p.customer.locale;
    expect(mergeCustomer(undefined, p)).toMatchObject({
      customerId: 'C-1001',
      locale: 'en-GB',
      registeredAt: p.purchasedAt,
      contactsAsOf: p.purchasedAt,
    });
  });

  it('lets a newer purchase update details and keep what it leaves out', () => {
    const first = mergeCustomer(undefined, samplePurchase());
    const later = samplePurchase();
    later.purchasedAt = '2026-12-24T09:00:00Z';
    later.customer.email = 'ada@new.example.org';
    delete later.customer.phone;
    const merged = mergeCustomer(first, later);
    expect(merged).toMatchObject({
      email: 'ada@new.example.org',
      phone: '+441632960961',
      registeredAt: first.registeredAt,
      contactsAsOf: later.purchasedAt,
    });
  });

  it('never lets an older purchase overwrite newer details', () => {
    const newer = samplePurchase();
    newer.customer.email = 'new@example.org';
    const current = mergeCustomer(undefined, newer);
    const older = samplePurchase();
    older.purchasedAt = '2026-01-01T00:00:00Z';
    older.customer.email = 'old@example.org';
    const merged = mergeCustomer(current, older);
    expect(merged.email).toBe('new@example.org');
    expect(merged.registeredAt).toBe('2026-01-01T00:00:00Z');
  });
});
