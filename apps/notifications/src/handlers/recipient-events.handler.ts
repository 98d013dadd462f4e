import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { TypedEnvelope } from '@appliance-care/contracts';
import { RecipientService } from '@appliance-care/notifications';

/** Contacts and locale of customers and technicians, kept locally from their owners' events. */
@Controller()
export class RecipientEventsHandler {
  constructor(private readonly recipients: RecipientService) {}

  @EventPattern('customer.registered.v1')
  async customerRegistered(event: TypedEnvelope<'customer.registered.v1'>): Promise<void> {
    const d = event.data;
    await this.recipients.contactsChanged(
      d.customerId,
      { kind: 'customer', name: d.name, email: d.email, phone: d.phone, locale: d.locale },
      event.time,
    );
  }

  @EventPattern(['technician.registered.v1', 'technician.updated.v1'])
  async technicianChanged(event: TypedEnvelope<'technician.registered.v1'>): Promise<void> {
    const d = event.data;
    await this.recipients.contactsChanged(
      d.technicianId,
      { kind: 'technician', name: d.name, email: d.email, phone: d.phone, locale: d.locale },
      event.time,
    );
  }
}
