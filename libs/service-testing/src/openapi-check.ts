import SwaggerParser from '@apidevtools/swagger-parser';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  $ref?: string;
}
interface OpenApiDocument {
  openapi?: string;
  paths?: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
}

/**
 * Validates an OpenAPI document with a standard validator (@apidevtools/swagger-parser: the
 * OpenAPI 3.0/3.1 meta-schema, including every Schema Object, plus the spec's own rules and every
 * $ref); rejects with the validator's message.
 */
export async function validateOpenApi(document: unknown): Promise<void> {
  // the validator dereferences in place: give it a copy. Its parameter is openapi-types' Document, which
  // Nest's OpenAPIObject (what the services build) does not satisfy as a type: the library forces the cast
  await SwaggerParser.validate(structuredClone(document) as Parameters<typeof SwaggerParser.validate>[0]);
}

/**
 * What each operation leaves undocumented for a client generator or a contract tester: a 2xx
 * response with a schema, and at least one error response as application/problem+json with a schema.
 */
export function undocumentedResponses(document: unknown): string[] {
  const doc = document as OpenApiDocument;
  const gaps: string[] = [];
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const op = `${method.toUpperCase()} ${route}`;
      const responses = Object.entries(operation.responses ?? {});
      const success = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (!success.length) gaps.push(`${op}: no 2xx response`);
      for (const [status, response] of success) {
        const media = Object.entries(response.content ?? {});
        if (!media.length || media.some(([, m]) => !m.schema)) gaps.push(`${op}: ${status} has no response schema`);
      }
      const problems = responses.filter(
        ([status, r]) => /^[45]\d\d$/.test(status) && r.content?.['application/problem+json']?.schema,
      );
      if (!problems.length) gaps.push(`${op}: no application/problem+json error response`);
      for (const [status, response] of responses) {
        if (/^[45]\d\d$/.test(status) && !response.content?.['application/problem+json']?.schema) {
          gaps.push(`${op}: ${status} is not documented as application/problem+json`);
        }
      }
    }
  }
  return gaps;
}
