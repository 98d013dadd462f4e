export * from './service-harness';
export * from './service-basics';
export * from './openapi-check';
