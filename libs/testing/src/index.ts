export * from './wait-for';
export * from './test-env';
export * from './kafka-probe';
