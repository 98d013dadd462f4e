export { asyncApiDocument, eventExample, eventPayloadSchema } from './asyncapi.document';
export { exampleFor, type JsonSchema } from './schema-example';
