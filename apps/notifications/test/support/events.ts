import { createEvent, EventData, EventEnvelope, EventType } from '@appliance-care/contracts';

export const ev = <T extends EventType>(type: T, data: EventData<T>, subject?: string): EventEnvelope =>
  createEvent({ type, source: '/test/stand-in', data, subject });

export const customerRegistered = (customerId: string, over: Partial<EventData<'customer.registered.v1'>> = {}) =>
  ev('customer.registered.v1', {
    customerId,
    name: `Customer ${customerId}`,
    email: `${customerId.toLowerCase()}@example.org`,
    locale: 'en-GB',
    registeredAt: new Date().toISOString(),
    ...over,
  });

export const technicianRegistered = (technicianId: string, over: Partial<EventData<'technician.registered.v1'>> = {}) =>
  ev('technician.registered.v1', {
    technicianId,
    name: `Tech ${technicianId}`,
    email: `${technicianId.toLowerCase()}@example.org`,
    locale: 'de-DE',
    skills: ['appliance-general'],
    homeRegion: 'london',
    regions: ['london'],
    registeredAt: new Date().toISOString(),
    ...over,
  });

export const applianceRegistered = (applianceId: string, customerId: string) =>
  ev(
    'appliance.registered.v1',
    {
      applianceId,
      serialNumber: `SER-${applianceId}`,
      sku: 'WM-8KG',
      category: 'washing-machine',
      brand: 'Acme',
      model: 'WM8',
      customerId,
      orderId: `ORD-${applianceId}`,
      purchasedAt: '2026-11-28T10:15:00Z',
      warrantyMonths: 24,
      warrantyEndsAt: '2028-11-28T10:15:00Z',
      installationRequired: false,
    },
    applianceId,
  );

export const repairEnRoute = (applianceId: string, customerId: string, technicianId = 'T-x') =>
  ev(
    'repair.en-route.v1',
    {
      ticketId: `R-${applianceId}`,
      applianceId,
      customerId,
      technicianId,
      at: new Date().toISOString(),
      eta: new Date(Date.now() + 3600_000).toISOString(),
    },
    applianceId,
  );

export const problemReported = (applianceId: string, customerId: string) =>
  ev(
    'problem.reported.v1',
    {
      caseId: `CASE-${applianceId}`,
      applianceId,
      customerId,
      category: 'washing-machine',
      source: 'customer',
      symptoms: 'does not drain',
      reportedAt: new Date().toISOString(),
      warranty: { status: 'in-warranty', endsAt: '2028-11-28T10:15:00Z' },
    },
    applianceId,
  );
