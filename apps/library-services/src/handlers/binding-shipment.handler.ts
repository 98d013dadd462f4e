import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { EventEnvelope, LibraryBindingShipmentReturned, LibraryBindingShipmentSent } from '@appliance-care/contracts';
import { Binding } from '@appliance-care/library-services';

/**
 * The service's own shipment events: the items follow their shipment, each by its own write (the
 * shipment document carried the event, so no write ever spans two documents).
 */
@Controller()
export class BindingShipmentHandler {
  constructor(private readonly binding: Binding) {}

  @EventPattern('library.binding.shipment-sent.v1')
  async sent(event: EventEnvelope<LibraryBindingShipmentSent>): Promise<void> {
    await this.binding.followSent(event.data);
  }

  @EventPattern('library.binding.shipment-returned.v1')
  async returned(event: EventEnvelope<LibraryBindingShipmentReturned>): Promise<void> {
    await this.binding.followReturned(event.data);
  }
}
