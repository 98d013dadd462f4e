import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, LibraryItemReceived, LibrarySerialVolumeCompleted } from '@appliance-care/contracts';
import { RegisterItem } from '@appliance-care/library-services';

/** New items for technical services: from acquisitions, and serials' completed volumes to bind. */
@Controller()
export class ItemReceivedHandler {
  constructor(private readonly registering: RegisterItem) {}

  /** Acquisitions received an item (library.acquisitions.v1): the same use case as POST /items. */
  @EventPattern('library.item.received.v1')
  async received(event: EventEnvelope<LibraryItemReceived>): Promise<void> {
    await this.registering.received(event.data, 'acquisitions');
  }

  /** A serial's volume is complete: it becomes a journal-volume item awaiting binding, once per volume. */
  @EventPattern('library.serial.volume-completed.v1')
  async volumeCompleted(event: EventEnvelope<LibrarySerialVolumeCompleted>): Promise<void> {
    await this.registering.volumeCompleted(event.data);
  }
}
