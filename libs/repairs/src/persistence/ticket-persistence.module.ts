import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { TICKET_CHANGE_MODEL, TICKET_MODEL, ticketChangeSchema, ticketSchema } from './ticket.schema';

/**
 * Global so that MessagingModule's outbox relay, which lives in its own module scope, can inject
 * the change model it drains.
 */
@Global()
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: TICKET_MODEL, schema: ticketSchema },
      { name: TICKET_CHANGE_MODEL, schema: ticketChangeSchema },
    ]),
  ],
  exports: [MongooseModule],
})
export class TicketPersistenceModule {}
