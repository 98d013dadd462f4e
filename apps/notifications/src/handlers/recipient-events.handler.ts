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
    const { customerId, name, email, phone, locale } = event.data;
    await this.recipients.contactsChanged(customerId, { kind: 'customer', name, email, phone, locale }, event.time);
  }

  @EventPattern(['technician.registered.v1', 'technician.updated.v1'])
  async technicianChanged(event: TypedEnvelope<'technician.registered.v1'>): Promise<void> {
    const { technicianId, name, email, phone, locale } = event.data;
    await this.recipients.contactsChanged(technicianId, { kind: 'technician', name, email, phone, locale }, event.time);
  }
}
