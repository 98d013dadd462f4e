import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response, Request } from 'express';
import { Observable, throwError } from 'rxjs';
import { DomainError, ValidationFailedError } from './errors';

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
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception, path: request.url }, 'unhandled error');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({ ...problem, instance: request.originalUrl ?? request.url });
  }

  private toProblem(exception: unknown): { status: number; type: string; title: string; detail: string } & Record<string, unknown> {
    if (exception instanceof ValidationFailedError) {
      return { status: 400, type: 'about:blank', title: 'Bad Request', detail: exception.message, code: exception.code, errors: exception.errors };
    }
    if (exception instanceof DomainError) {
      return { status: exception.status, type: 'about:blank', title: STATUS_CODES[exception.status] ?? 'Error', detail: exception.message, code: exception.code, ...exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : Array.isArray((body as { message?: unknown }).message)
        ? ((body as { message: string[] }).message).join('; ')
        : String((body as { message?: unknown }).message ?? exception.message);
      return { status, type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', detail };
    }
    const err = exception as { type?: string; status?: number; message?: string };
    // body-parser errors (malformed JSON, body too large) carry their own 4xx status
    if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      const detail = err.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : err.message ?? 'bad request';
      return { status: err.status, type: 'about:blank', title: STATUS_CODES[err.status] ?? 'Bad Request', detail };
    }
    return { status: 500, type: 'about:blank', title: 'Internal Server Error', detail: 'an unexpected error occurred' };
  }
}
