import { EventEnvelope } from '@appliance-care/contracts';

/**
 * A device fault as a binary-mode CloudEvent with only the required attributes (no subject,
 * correlation or trace headers), keyed by its serial number: what a plain outside producer sends.
 */
export const bareFaultRecord = (event: EventEnvelope) => ({
  key: (event.data as { serialNumber: string }).serialNumber,
  value: JSON.stringify(event.data),
  headers: {
    ce_id: event.id,
    ce_type: event.type,
    ce_specversion: '1.0',
    ce_source: event.source,
    ce_time: event.time,
    'content-type': 'application/json',
  },
});
