import { Counter, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const outboxPublished = metric(
  'outbox_published_total',
  () =>
    new Counter({
      name: 'outbox_published_total',
      help: 'Events published by the outbox relay',
      labelNames: ['topic'],
    }),
);
export const outboxLag = metric(
  'outbox_publish_lag_seconds',
  () =>
    new Histogram({
      name: 'outbox_publish_lag_seconds',
      help: 'Time from the write of an event to its publication',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    }),
);
export const eventsConsumed = metric(
  'events_consumed_total',
  () =>
    new Counter({
      name: 'events_consumed_total',
      help: 'Events consumed by outcome',
      labelNames: ['group', 'topic', 'outcome'],
    }),
);
export const handlerDuration = metric(
  'event_handler_duration_seconds',
  () =>
    new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Event handler duration',
      labelNames: ['group', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    }),
);
export const outboxParked = metric(
  'outbox_parked_total',
  () =>
    new Counter({
      name: 'outbox_parked_total',
      help: 'Events the outbox relay set aside because Kafka refused them permanently',
      labelNames: ['topic'],
    }),
);
