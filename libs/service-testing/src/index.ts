export * from './service-harness';
export * from './service-basics';
export * from './openapi-check';
export * from './asyncapi-check';
