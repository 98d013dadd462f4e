import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

import { ValidationFailedError } from '@appliance-care/kernel';

import { raiseDeferredBodyError } from './deferred-body-error';

/** Deeper documents are refused before any validator recurses into them (stack exhaustion). */
export const MAX_INPUT_DEPTH = 32;

export interface InputViolation {
  field: string;
  message: string;
}

/**
 * Finds what could steer a MongoDB query or break the store: keys starting with `$` (operators,
 * `$where`) or containing `.` (paths into sub-documents), at any depth, and nesting beyond
 * MAX_INPUT_DEPTH. Iterative, so hostile nesting cannot exhaust the stack here either.
 */
export function findHostileInput(value: unknown, root: string): InputViolation | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    // PostgreSQL (FerretDB's backend) cannot store a NUL character: refuse it rather than fail later
    if (typeof current === 'string' && current.includes('\u0000'))
      return { field: path, message: 'NUL characters are not accepted' };
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) return { field: path, message: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: `${path}.${i}`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
      const field = `${path}.${key}`;
      if (key.startsWith('$')) return { field, message: 'keys starting with $ are not accepted' };
      if (key.includes('.')) return { field, message: 'keys containing . are not accepted' };
      if (key.includes('\u0000')) return { field, message: 'NUL characters are not accepted' };
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Refuses (400 naming the field) any request whose JSON body or query carries operator keys,
 * dotted keys or absurd nesting, before a pipe, a controller or a query builder sees it; and raises
 * the body parser's refusal (malformed JSON 400, too large 413), kept until now. Runs after
 * authentication (see PlatformModule), so only an authenticated caller hears about its input.
 */
@Injectable()
export class HostileInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ body?: unknown; query?: unknown; params?: unknown }>();
    raiseDeferredBodyError(request);
    const violation =
      findHostileInput(request.params, 'path') ??
      findHostileInput(request.query, 'query') ??
      findHostileInput(request.body, 'body');
    if (violation) {
      throw new ValidationFailedError(`invalid request: ${violation.field}: ${violation.message}`, [violation]);
    }
    return true;
  }
}
