import { AssignerProtocol, Kafka } from 'kafkajs';

import { createEvent, EventData, EventEnvelope, EventType, PurchaseRecorded } from '@appliance-care/contracts';
import { customerOf, purchaseOf, purchaseRecordedEvent, washingMachineLine } from '@appliance-care/testing';

export const ev = <T extends EventType>(type: T, data: EventData<T>, subject?: string): EventEnvelope =>
  createEvent({ type, source: '/test/dispatch-stand-in', data, subject });

/** The roster of the dispatch stand-in: notifications must know a technician to tell them. */
export const technicianRegistered = (technicianId: string, run: string) =>
  ev('technician.registered.v1', {
    technicianId,
    name: `Tech ${technicianId}`,
    email: `${technicianId.toLowerCase()}.${run}@example.org`,
    locale: 'en-GB',
    skills: ['appliance-general'],
    homeRegion: 'london',
    regions: ['london'],
    registeredAt: new Date().toISOString(),
  });

/** An installation window three days ahead: no appointment reminder falls due during the test. */
export function windowAhead(days = 3): { from: string; to: string } {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return { from: `${day}T09:00:00Z`, to: `${day}T12:00:00Z` };
}

/** The `n`th purchase of a run: one washing machine to install, bought by customer `n % customers`. */
export function purchase(run: string, n: number, customers: number): PurchaseRecorded {
  const customerId = `C-${run}-${n % customers}`;
  const customer = customerOf(customerId, { email: `${customerId.toLowerCase()}@example.org` });
  const line = washingMachineLine(`SN-${run}-${n}`, {
    installation: { required: true, preferredWindow: windowAhead() },
  });
  return purchaseOf(`ORD-${run}-${n}`, customer, [line]);
}

export const purchaseEvent = purchaseRecordedEvent;

type Requested = EventData<'installation.requested.v1'>;

/** What dispatch answers an installation request with: the booking, then the technician on the way. */
export function dispatchAnswers(request: Requested, technicianId: string): EventEnvelope[] {
  const ref = {
    workOrderId: `WO-${request.installationId}`,
    kind: 'installation' as const,
    sourceId: request.installationId,
    applianceId: request.applianceId,
    customerId: request.customerId,
  };
  const window = request.preferredWindow ?? windowAhead();
  const technicianName = `Tech ${technicianId}`;
  return [
    ev('work-order.assigned.v1', { ...ref, technicianId, technicianName, window, reason: 'stand-in' }, ref.applianceId),
    ev(
      'work-order.en-route.v1',
      { ...ref, technicianId, technicianName, window, eta: window.from, at: new Date().toISOString() },
      ref.applianceId,
    ),
  ];
}

export interface GroupMember {
  clientId: string;
  partitions: number;
}

/** The members of a consumer group and how many partitions of `topic` each holds (none while it rebalances). */
export async function groupMembers(kafka: Kafka, groupId: string, topic: string): Promise<GroupMember[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    if (groups[0]?.state !== 'Stable') return [];
    return groups[0].members.map((m) => ({
      clientId: m.clientId,
      partitions: AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic]?.length ?? 0,
    }));
  } finally {
    await admin.disconnect();
  }
}

/** First-seen order of distinct event ids (a republished event keeps its first place). */
export function distinctInOrder(events: EventEnvelope[]): EventEnvelope[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.id) && seen.add(e.id));
}
