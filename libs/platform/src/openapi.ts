import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

import { exampleFor, type JsonSchema } from '@appliance-care/contracts';

/**
 * OpenAPI for the services, derived from the zod schemas that validate requests and describe
 * responses, as OpenAPI 3.0 Schema Objects (what the document declares; zod's `openapi-3.0`
 * target: `nullable`, boolean `exclusiveMinimum`, no `$schema`).
 */
export type OpenApiSchema = Record<string, unknown>;

function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): OpenApiSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as OpenApiSchema;
  return json;
}

/** The body of every error answer (RFC 9457, application/problem+json), as ProblemDetailsFilter writes it. */
const problemDetailsSchema = z
  .looseObject({
    type: z.string().describe('a URI naming the kind of problem; about:blank when the status says it all'),
    title: z.string().describe('the status text, e.g. Not Found'),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe('what went wrong and what to fix'),
    instance: z.string().optional().describe('the request path'),
    code: z
      .string()
      .optional()
      .describe(
        'machine-readable reason, e.g. validation-failed, not-found, forbidden, invalid-transition, store-unavailable',
      ),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('400: each field at fault'),
    currentState: z.string().optional().describe('409: the state that does not allow the transition'),
  })
  .describe('RFC 9457 problem details; some problems carry more members (e.g. missingItems, technicianId)');
export type ProblemDetails = z.infer<typeof problemDetailsSchema>;

const PROBLEM_DETAILS_REF = '#/components/schemas/ProblemDetails';

/** What each error status means on this API, unless an operation says more. */
const PROBLEM_MEANING: Record<number, string> = {
  400: 'invalid path, query or body (errors names each field); a body that is not JSON',
  401: 'no valid bearer token (missing, expired, wrongly signed, malformed)',
  403: "the role may not do this; or the caller may know the resource but may not act on it; or a list filtered by someone else's id",
  404: 'no such resource, or one the caller may not see (answered as absent, so ids cannot be probed)',
  409: 'the current state does not allow it (currentState names it), or it clashes with what exists',
  413: 'the body is larger than HTTP_BODY_LIMIT',
  422: 'the Idempotency-Key was used with another body, or the request breaks a business rule',
  429: 'too many requests from this client on this route (RATE_LIMIT_PER_MINUTE); retry after Retry-After seconds',
  503: 'the data store (or broker) is unavailable or busy; retry after Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

/**
 * Documents error answers as application/problem+json: a status alone takes its usual meaning, a
 * [status, description] pair says what it means here. On a controller class it applies to every
 * operation; an operation's own description for the same status wins.
 */
export function ApiProblems(
  ...problems: (ProblemStatus | [ProblemStatus, string])[]
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...problems.map((p) => {
      const [status, description] = Array.isArray(p) ? p : [p, PROBLEM_MEANING[p]];
      return ApiResponse({
        status,
        description,
        content: { 'application/problem+json': { schema: { $ref: PROBLEM_DETAILS_REF } } },
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      });
    }),
  ) as MethodDecorator & ClassDecorator;
}

/**
 * A response may gain members in a later version without breaking its clients (who ignore what
 * they do not know), so response objects are documented open: no `additionalProperties: false`.
 */
function openObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema as Record<string, unknown>)
      .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
      .map(([key, value]) => [key, openObjects(value)]),
  );
}

/** The success answer's body, from the zod schema that describes it (objects open, see openObjects). */
export function ApiZodResponse(
  schema: z.ZodType,
  options: {
    status?: 200 | 201 | 202;
    description: string;
    example?: unknown;
    mediaTypes?: Record<string, OpenApiSchema>;
  },
): MethodDecorator {
  const json = {
    schema: openObjects(openApiSchema(schema, 'output')) as OpenApiSchema,
    ...(options.example === undefined ? {} : { example: options.example }),
  };
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description,
    content: {
      'application/json': json,
      ...Object.fromEntries(Object.entries(options.mediaTypes ?? {}).map(([type, s]) => [type, { schema: s }])),
    },
  }) as MethodDecorator;
}

/**
 * The request body, from the zod schema that validates it (ZodValidationPipe), with an example: the
 * one given, else one written from the schema (libs/contracts' exampleFor) when the schema accepts it.
 */
export function ApiZodBody(
  schema: z.ZodType,
  options: { description?: string; example?: unknown; required?: boolean } = {},
): MethodDecorator {
  const json = openApiSchema(schema, 'input');
  const written = exampleFor(json as JsonSchema);
  const example = options.example ?? (schema.safeParse(written).success ? written : undefined);
  return ApiBody({
    schema: example === undefined ? json : { ...json, example },
    description: options.description,
    required: options.required ?? !schema.safeParse(undefined).success,
  });
}

/** One query parameter per property of the zod object schema that validates the query. */
export function ApiZodQuery(schema: z.ZodType): MethodDecorator {
  const json = openApiSchema(schema, 'input') as { properties?: Record<string, OpenApiSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) => {
      const { description, ...propertySchema } = property as { description?: string };
      // zod's JSON Schema is a plain record to the compiler; Nest's SchemaObject types its keywords: the
      // library's types force the cast (the document is validated as OpenAPI by the services' basics test)
      return ApiQuery({ name, required: required.has(name), description, schema: propertySchema as SchemaObject });
    }),
  ) as MethodDecorator;
}

/** Adds the shared components (ProblemDetails) that the decorators above refer to. */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = document.components ?? {};
  document.components.schemas = {
    ...(document.components.schemas ?? {}),
    ProblemDetails: openApiSchema(problemDetailsSchema) as SchemaObject, // as above: forced by Nest's types
  };
  return document;
}
