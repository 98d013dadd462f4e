import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';
import { Correlation } from '@appliance-care/platform';

import { RepairTicket } from '../domain/repair-ticket';

/**
 * Envelopes for what the ticket just did, in the ticket's lifecycle thread: a REST call or the SLA
 * watcher continues the correlation of the diagnosis that opened the ticket; the cause stays what
 * is being handled (the event, the request, the SLA scan).
 */
export function envelopesFor(
  factory: EventFactory,
  ticket: RepairTicket,
  id?: (type: string) => string,
): EventEnvelope[] {
  const current = Correlation.current();
  const build = () =>
    ticket.events.map((event) =>
      factory.create(event.type, event.data, { subject: ticket.state.applianceId, id: id?.(event.type) }),
    );
  if (!current || current.correlationId === ticket.state.correlationId) return build();
  return Correlation.run({ correlationId: ticket.state.correlationId, causationId: current.causationId }, build);
}
