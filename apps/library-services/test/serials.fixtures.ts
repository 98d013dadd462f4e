import { mintToken } from '@appliance-care/auth';
import { EventEnvelope, Topics } from '@appliance-care/contracts';
import { physicalTopic } from '@appliance-care/messaging';
import { http, RunningService, tokenFor } from '@appliance-care/service-testing';
import { KafkaProbe, waitFor } from '@appliance-care/testing';

export const libraryTopic = () => physicalTopic(Topics.libraryServices);

let n = 0;
export const uid = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${++n}`;
/** A branch of the suite's own, so that its late list holds only the suite's subscriptions. */
export const branchOf = (tag: string): string => `${tag}-${Date.now().toString(36)}-${++n}`.toLowerCase();

export const librarian = () => tokenFor('librarian', {}, 'librarian-serials');
export const libraryTechnician = (technicianId: string) =>
  tokenFor('library-technician', { technicianId }, `user-${technicianId}`);
export const patron = () => mintToken({ sub: 'patron-serials', roles: ['patron'], patronId: 'P-serials' });

export const DAY_MS = 86_400_000;
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function subscriptionBody(subscriptionId: string, branch: string, pattern: Record<string, unknown> = {}) {
  return {
    subscriptionId,
    title: `Journal of ${subscriptionId}`,
    issn: '0028-0836',
    branch,
    vendor: { vendorId: 'V-EBSCO', name: 'EBSCO', email: 'claims@ebsco.example' },
    pattern: { frequency: 'monthly', firstExpectedOn: '2026-01-15', issuesPerVolume: 3, graceDays: 5, ...pattern },
  };
}

export const api = (svc: RunningService) => ({
  start: async (body: unknown, token?: string) =>
    http('POST', `${svc.url}/api/v1/subscriptions`, { token: token ?? (await librarian()), body }),
  one: async (id: string, token?: string) =>
    http('GET', `${svc.url}/api/v1/subscriptions/${id}`, { token: token ?? (await librarian()) }),
  checkIn: async (id: string, volume: number | string, number: number | string, token: string, body?: unknown) =>
    http('POST', `${svc.url}/api/v1/subscriptions/${id}/issues/${volume}/${number}/check-in`, { token, body }),
  late: async (branch: string, token?: string) =>
    http('GET', `${svc.url}/api/v1/serials/late?branch=${branch}`, { token: token ?? (await librarian()) }),
});

/** A subscription's events of a type, each once (the relay publishes at least once: "once" is one id). */
export function eventsOf(probe: KafkaProbe, subscriptionId: string, type: string): EventEnvelope[] {
  const mine = probe
    .events(type)
    .filter((e) => (e.data as { subscriptionId?: string }).subscriptionId === subscriptionId);
  return mine.filter((e, i) => mine.findIndex((other) => other.id === e.id) === i);
}

export const waitForEventsOf = (probe: KafkaProbe, subscriptionId: string, type: string, count = 1) =>
  waitFor(
    () => {
      const found = eventsOf(probe, subscriptionId, type);
      return found.length >= count ? found : undefined;
    },
    { timeoutMs: 60_000, what: `${count} × ${type} of ${subscriptionId}` },
  );
