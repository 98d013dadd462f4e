import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';

import { createEvent, Topics } from '@appliance-care/contracts';
import {
  APPLIANCE_COPY_MODEL,
  ApplianceCopyDocument,
  CUSTOMER_COPY_MODEL,
  CustomerCopyDocument,
} from '@appliance-care/diagnostics';
import { physicalTopic } from '@appliance-care/messaging';
import { RunningService } from '@appliance-care/service-testing';
import { KafkaProbe, uniqueSuffix, waitFor } from '@appliance-care/testing';

export interface SeededAppliance {
  applianceId: string;
  serialNumber: string;
  customerId: string;
  category: string;
  region: string;
}

const DAY = 86_400_000;

/**
 * Stands in for sales-installation: publishes customer.registered.v1 and appliance.registered.v1, then
 * waits until diagnostics holds both local copies.
 */
export async function seedAppliance(
  probe: KafkaProbe,
  svc: RunningService,
  category: string,
  options: { warrantyValid?: boolean; region?: string; serialNumber?: string } = {},
): Promise<SeededAppliance> {
  const id = uniqueSuffix();
  const region = options.region ?? 'london';
  const serialNumber = options.serialNumber ?? `SN-${id}`;
  const seeded = { applianceId: `A-${id}`, serialNumber, customerId: `C-${id}`, category, region };
  const topic = physicalTopic(Topics.salesInstallation);
  const now = Date.now();
  await probe.publish(
    topic,
    createEvent({
      type: 'customer.registered.v1',
      source: '/test/sales-installation',
      data: {
        customerId: seeded.customerId,
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        locale: 'en-GB',
        address: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB', region },
        region,
        registeredAt: new Date(now).toISOString(),
      },
    }),
  );
  await probe.publish(
    topic,
    createEvent({
      type: 'appliance.registered.v1',
      source: '/test/sales-installation',
      subject: seeded.applianceId,
      data: {
        applianceId: seeded.applianceId,
        serialNumber: seeded.serialNumber,
        sku: `SKU-${category}`,
        category,
        customerId: seeded.customerId,
        orderId: `ORD-${id}`,
        purchasedAt: new Date(now - 400 * DAY).toISOString(),
        warrantyMonths: 24,
        warrantyEndsAt: new Date(options.warrantyValid === false ? now - DAY : now + 300 * DAY).toISOString(),
        region,
        installationRequired: false,
      },
    }),
  );
  const appliances = svc.app.get<Model<ApplianceCopyDocument>>(getModelToken(APPLIANCE_COPY_MODEL));
  const customers = svc.app.get<Model<CustomerCopyDocument>>(getModelToken(CUSTOMER_COPY_MODEL));
  // waitFor takes null for an answer: say false until both copies are there
  await waitFor(
    async () =>
      Boolean(
        (await appliances.exists({ _id: seeded.applianceId })) && (await customers.exists({ _id: seeded.customerId })),
      ),
    {
      what: `local copies of ${seeded.applianceId}`,
    },
  );
  return seeded;
}

/** A fault event; `at` is its time (the hold of a fault from an unknown serial counts from it). */
export function deviceFault(serialNumber: string, errorCode: string, at = new Date()) {
  return createEvent({
    type: 'device.fault.reported.v1',
    source: '/test/device',
    time: at.toISOString(),
    data: { serialNumber, errorCode, reportedAt: at.toISOString(), readings: { drumTempC: 41 } },
  });
}

export function workOrderAssigned(caseId: string, applianceId: string, customerId: string, technicianId: string) {
  const from = new Date(Date.now() + 3_600_000);
  return createEvent({
    type: 'work-order.assigned.v1',
    source: '/test/dispatch',
    subject: applianceId,
    data: {
      workOrderId: `WO-${uniqueSuffix()}`,
      kind: 'diagnostic-visit',
      sourceId: caseId,
      applianceId,
      customerId,
      technicianId,
      technicianName: 'Grace Hopper',
      window: { from: from.toISOString(), to: new Date(from.getTime() + 7_200_000).toISOString() },
      reason: 'qualified and free in the region',
    },
  });
}
