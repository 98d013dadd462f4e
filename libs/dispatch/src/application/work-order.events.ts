import { EventEnvelope } from '@appliance-care/contracts';
import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { WorkOrderDocument } from '../persistence/work-order.schema';

type Released = 'reassigned' | 'declined' | 'source-cancelled' | 'source-rescheduled';

/**
 * A work order's events. Ids derive from the order and the version being left, so whoever makes
 * the transition (a redelivery, the other instance, a retry after a roster change) produces the
 * same ids; they carry the correlation id of the request that created the order.
 */
export class WorkOrderEvents {
  constructor(private readonly factory: EventFactory) {}

  private create<T extends 'work-order.assigned.v1' | 'work-order.unassignable.v1' | 'work-order.released.v1'>(
    wo: WorkOrderDocument,
    type: T,
    data: Parameters<EventFactory['create']>[1] & object,
  ): EventEnvelope {
    const current = Correlation.current();
    const ctx = {
      correlationId: wo.correlationId ?? current?.correlationId ?? wo.sourceEventId,
      causationId: current?.causationId ?? wo.sourceEventId,
    };
    return Correlation.run(ctx, () =>
      this.factory.create(type, data as never, {
        subject: wo.applianceId,
        id: deterministicUuid(`${wo._id}|${wo.version}|${type}`),
      }),
    );
  }

  private ref(wo: WorkOrderDocument) {
    return {
      workOrderId: wo._id,
      kind: wo.kind,
      sourceId: wo.sourceId,
      applianceId: wo.applianceId,
      customerId: wo.customerId,
    };
  }

  assigned(
    wo: WorkOrderDocument,
    a: {
      technicianId: string;
      technicianName: string;
      window: { from: string; to: string };
      reason: string;
      previousTechnicianId?: string;
    },
  ): EventEnvelope {
    return this.create(wo, 'work-order.assigned.v1', {
      ...this.ref(wo),
      ...a,
      address: wo.address,
      summary: wo.summary,
    });
  }

  unassignable(wo: WorkOrderDocument, reason: string): EventEnvelope {
    return this.create(wo, 'work-order.unassignable.v1', { ...this.ref(wo), reason });
  }

  released(wo: WorkOrderDocument, reason: Released, at: string): EventEnvelope {
    return this.create(wo, 'work-order.released.v1', {
      ...this.ref(wo),
      technicianId: wo.technicianId as string,
      window: wo.window as { from: string; to: string },
      reason,
      releasedAt: at,
    });
  }
}
