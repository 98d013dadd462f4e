export * from './wait-for';
export * from './test-env';
export * from './kafka-probe';
export * from './smtp-sink';
export * from './fixtures';
export * from './mail-parts';
export * from './service-processes';
export * from './supervised-service-processes';
