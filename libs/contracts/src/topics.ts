/** Kafka topic names. Inbound topics come from outside systems; each service publishes on its own. */
export const Topics = {
  purchases: 'sales.purchases.v1',
  deviceFaults: 'devices.faults.v1',
  warehouseParts: 'warehouse.parts.v1',
  salesInstallation: 'sales-installation.events.v1',
  diagnostics: 'diagnostics.events.v1',
  repairs: 'repairs.events.v1',
  dispatch: 'dispatch.events.v1',
  notifications: 'notifications.events.v1',
  portal: 'portal.events.v1',
  parts: 'parts.events.v1',
  libraryAcquisitions: 'library.acquisitions.v1',
  libraryServices: 'library-services.events.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const LIFECYCLE_TOPIC_PARTITIONS = 6;

export const dlqTopic = (topic: string): string => `${topic}.dlq`;

/** Every topic the system uses, with its dead-letter twin. */
export const allTopics = (): string[] => Object.values(Topics).flatMap((t) => [t, dlqTopic(t)]);
