import { createEvent, DiagnosisCompleted, PurchaseRecorded } from '@appliance-care/contracts';

type Customer = PurchaseRecorded['customer'];
type PurchaseItem = PurchaseRecorded['items'][number];

/** The SPEC §4 customer's address, in the london region. */
export const londonAddress = (): Customer['address'] => ({
  line1: "12 St James's Square",
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  region: 'london',
});

/** The SPEC §4 customer (Ada Lovelace in London) under the given id. */
export const customerOf = (id: string, over: Partial<Customer> = {}): Customer => ({
  id,
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  locale: 'en-GB',
  address: londonAddress(),
  ...over,
});

/** A washing machine to install, the purchase line most tests follow through the services. */
export const washingMachineLine = (serialNumber: string, over: Partial<PurchaseItem> = {}): PurchaseItem => ({
  lineId: '1',
  sku: 'WM-8KG-1400',
  category: 'washing-machine',
  brand: 'Acme',
  serialNumber,
  warrantyMonths: 24,
  installation: { required: true },
  ...over,
});

/** A web purchase made now by the given customer. */
export const purchaseOf = (
  orderId: string,
  customer: Customer,
  items: PurchaseItem[],
  over: Partial<PurchaseRecorded> = {},
): PurchaseRecorded => ({ orderId, purchasedAt: new Date().toISOString(), channel: 'web', customer, items, ...over });

/** The point of sale's event for a purchase, as a sales system sends it. */
export const purchaseRecordedEvent = (data: PurchaseRecorded) =>
  createEvent({ type: 'sales.purchase.recorded.v1', source: '/test/point-of-sale', subject: data.orderId, data });

type DiagnosisOf = Pick<DiagnosisCompleted, 'caseId' | 'applianceId' | 'customerId'> & Partial<DiagnosisCompleted>;

/** Diagnostics' verdict that opens a repair ticket: a blocked drain pump, in warranty, reported an hour ago. */
export const repairRequiredDiagnosis = (over: DiagnosisOf): DiagnosisCompleted => ({
  outcome: 'repair-required',
  category: 'washing-machine',
  region: 'london',
  address: londonAddress(),
  faults: [{ code: 'E21', component: 'drain pump', description: 'pump blocked' }],
  requiredSkill: 'appliance-general',
  parts: [{ sku: 'DRAIN-PUMP-01', name: 'Drain pump', quantity: 1 }],
  severity: 'high',
  reportedAt: new Date(Date.now() - 3600e3).toISOString(),
  warranty: { status: 'in-warranty', endsAt: new Date(Date.now() + 365 * 86400e3).toISOString() },
  completedAt: new Date().toISOString(),
  ...over,
});
