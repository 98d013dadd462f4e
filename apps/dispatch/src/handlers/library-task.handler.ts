import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, LibraryTaskClosed, LibraryTaskRequested } from '@appliance-care/contracts';
import { QueueItems } from '@appliance-care/dispatch';

/** Library work asking for a library technician, and closed when done: queue items and their load. */
@Controller()
export class LibraryTaskHandler {
  constructor(private readonly queue: QueueItems) {}

  @EventPattern('library.task.requested.v1')
  async onRequested(event: EventEnvelope<LibraryTaskRequested>): Promise<void> {
    await this.queue.requested(event);
  }

  @EventPattern('library.task.closed.v1')
  async onClosed(event: EventEnvelope<LibraryTaskClosed>): Promise<void> {
    await this.queue.closed(event);
  }
}
