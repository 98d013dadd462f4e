import './kafkajs-idle-timer.fix';

export * from './kafka.config';
export * from './event-factory';
export * from './errors';
export * from './outbox';
export * from './optimistic-write';
export * from './outbox.relay';
export * from './inbox';
export * from './event-consumer';
export * from './topic-admin';
export * from './topic-naming';
export * from './kafka-event.server';
export * from './messaging.module';
export * from './messaging.metrics';
export * from './service-bootstrap';
export * from './dlq-replay';
export * from './kafka-refusal';
export * from './service-imports';
