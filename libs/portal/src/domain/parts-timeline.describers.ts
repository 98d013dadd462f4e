import { Actor } from './timeline-entry';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Describe = (data: Data) => { actor: Actor; summary: string; outcome?: string };

const system: Actor = { kind: 'system' };
// the customer reads part names and counts; locations, costs and prices stay with the service team
const parts = (lines: Data[]): string => lines.map((l) => `${l['quantity']} × ${l['name']}`).join(', ');

/** The parts service's facts about a repair's parts, as the customer's timeline tells them. */
export const partsDescribers: Record<string, Describe> = {
  'parts.reserved.v1': (d) => ({
    actor: system,
    summary: `Parts set aside for the repair: ${parts(d['lines'])}`,
    outcome: d['complete'] ? 'all-reserved' : 'some-on-order',
  }),
  'parts.requested.v1': (d) => ({
    actor: system,
    summary: `Parts on order: ${parts(d['lines'])}, expected ${String(d['expectedAt']).slice(0, 10)}`,
  }),
  'parts.reservation-fulfilled.v1': (d) => ({
    actor: system,
    summary: `The parts on order have arrived (${parts(d['lines'])}); the return visit is being booked`,
  }),
  'parts.consumed.v1': (d) => ({ actor: system, summary: `Parts used in the repair: ${parts(d['used'])}` }),
  'parts.released.v1': () => ({
    actor: system,
    summary: 'The parts set aside for the cancelled repair were released',
  }),
};
