import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { TICKET_MODEL, ticketSchema } from './ticket.schema';

/**
 * Global so that MessagingModule's outbox relay, which lives in its own module scope, can inject
 * the ticket model whose outbox it drains.
 */
@Global()
@Module({
  imports: [MongooseModule.forFeature([{ name: TICKET_MODEL, schema: ticketSchema }])],
  exports: [MongooseModule],
})
export class TicketPersistenceModule {}
