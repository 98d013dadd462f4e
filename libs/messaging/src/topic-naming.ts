/**
 * The physical topic for a logical one. KAFKA_TOPIC_PREFIX lets test runs (and several environments
 * on one cluster) have topics of their own; it is empty in normal runs.
 */
export const physicalTopic = (logical: string, env: NodeJS.ProcessEnv = process.env): string =>
  `${env['KAFKA_TOPIC_PREFIX'] ?? ''}${logical}`;
