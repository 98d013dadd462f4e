import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, throwError } from 'rxjs';

import { DomainError, ValidationFailedError } from '@appliance-care/kernel';

import { redactLinkTokens } from './link-redaction';

/** Seconds a client is told to wait (Retry-After) when the store is unreachable or busy. */
export const STORE_RETRY_AFTER_SECONDS = 5;

// MongoDB driver and mongoose errors meaning "the store is unreachable, busy or timed out", by name so
// that any copy of the driver matches (PoolCleared* extend MongoNetworkError; ServerSelection covers "no server")
const STORE_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  // libs/messaging's untilWritten: the aggregate kept changing under every attempt (contention, not the caller)
  'WriteConflictError',
]);
const MAX_TIME_MS_EXPIRED = 50;

/** Whether an error (or one of its causes) says the store is unavailable rather than the request wrong. */
export function isStoreUnavailable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    typeof e === 'object' && e !== null && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
    if (typeof name === 'string' && STORE_UNAVAILABLE.has(name)) return true;
    if (name === 'MongoServerError' && code === MAX_TIME_MS_EXPIRED) return true;
    // mongoose queues operations while disconnected, then gives up with "Operation `x.find()` buffering timed out"
    if (name === 'MongooseError' && typeof message === 'string' && message.includes('buffering timed out')) return true;
  }
  return false;
}

/** The 503 problem for a store that is down or busy (sent with Retry-After); undefined for any other error. */
export function storeUnavailableProblem(
  error: unknown,
): { status: number; type: string; title: string; detail: string; code: string } | undefined {
  if (!isStoreUnavailable(error)) return undefined;
  return {
    status: 503,
    type: 'about:blank',
    title: 'Service Unavailable',
    detail: 'the data store is unavailable or busy; retry later',
    code: 'store-unavailable',
  };
}

/** Every error answers application/problem+json (RFC 9457); a caller's mistake is never a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // event handlers: hand the original error back to the consumer, which retries or dead-letters it
    if (host.getType() !== 'http') return throwError(() => exception);
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const unavailable = storeUnavailableProblem(exception);
    const problem = unavailable ?? this.toProblem(exception);
    if (unavailable) {
      response.setHeader('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      this.logger.warn({ err: exception, path: redactLinkTokens(request.url) }, 'store unavailable');
    } else if (problem.status >= 500)
      this.logger.error({ err: exception, path: redactLinkTokens(request.url) }, 'unhandled error');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.originalUrl ?? request.url });
  }

  private toProblem(
    exception: unknown,
  ): { status: number; type: string; title: string; detail: string } & Record<string, unknown> {
    if (exception instanceof ValidationFailedError) {
      return {
        status: 400,
        type: 'about:blank',
        title: 'Bad Request',
        detail: exception.message,
        code: exception.code,
        errors: exception.errors,
      };
    }
    if (exception instanceof DomainError) {
      return {
        status: exception.status,
        type: 'about:blank',
        title: STATUS_CODES[exception.status] ?? 'Error',
        detail: exception.message,
        code: exception.code,
        ...exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? (body as { message: string[] }).message.join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      return { status, type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', detail };
    }
    const err = exception as { type?: string; status?: number; message?: string };
    // body-parser errors (malformed JSON, body too large) carry their own 4xx status
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const detail =
        err.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : (err.message ?? 'bad request');
      return { status: err.status, type: 'about:blank', title: STATUS_CODES[err.status] ?? 'Bad Request', detail };
    }
    return { status: 500, type: 'about:blank', title: 'Internal Server Error', detail: 'an unexpected error occurred' };
  }
}
