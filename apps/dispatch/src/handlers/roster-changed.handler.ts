import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, TechnicianRegistered, TechnicianUpdated } from '@appliance-care/contracts';
import { AssignmentService, QueueItems, RosterRebooking } from '@appliance-care/dispatch';

/**
 * Our own roster events, consumed back: a registered or changed technician may take work that
 * was waiting in their regions (a library technician: the queue items waiting at their branch). Through Kafka rather than in the request, so the retry happens
 * exactly once per change, on one instance, even if the writer crashed right after the change.
 */
@Controller()
export class RosterChangedHandler {
  constructor(
    private readonly assignment: AssignmentService,
    private readonly rebooking: RosterRebooking,
    private readonly queue: QueueItems,
  ) {}

  @EventPattern('technician.registered.v1')
  async onRegistered(event: EventEnvelope<TechnicianRegistered>): Promise<void> {
    if (event.data.branch) await this.queue.rosterChanged(event.data.branch);
    else await this.assignment.rosterChanged(event.data.regions);
  }

  /** First the bookings the technician can no longer keep move on (time off, deactivation, licence …). */
  @EventPattern('technician.updated.v1')
  async onUpdated(event: EventEnvelope<TechnicianUpdated>): Promise<void> {
    await this.rebooking.technicianChanged(event.data.technicianId);
    await this.queue.technicianChanged(event.data.technicianId);
    if (event.data.branch) await this.queue.rosterChanged(event.data.branch);
    else await this.assignment.rosterChanged(event.data.regions);
  }
}
