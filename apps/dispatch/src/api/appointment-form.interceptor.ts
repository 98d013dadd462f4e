import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';

import { findHostileInput, ValidationFailedError } from '@appliance-care/platform';

/** An appointment form carries a slot or a short reason: anything much larger is not one. */
export const FORM_BODY_LIMIT = 8 * 1024;

interface FormRequest extends AsyncIterable<Buffer> {
  headers: Record<string, string | string[] | undefined>;
  readableEnded?: boolean;
  body?: unknown;
}

/** An HTML form's post (application/x-www-form-urlencoded), as a mail's appointment page sends it. */
export const isFormPost = (req: { headers: FormRequest['headers'] }): boolean =>
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/x-www-form-urlencoded');

/**
 * Reads a form post's fields into the body (the services parse JSON only), so the appointment link
 * pages work in a browser without scripts. Flat string fields; the same refusals as a JSON body
 * (operator or dotted keys, NUL characters: 400) and a small size limit (413).
 */
@Injectable()
export class AppointmentFormInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FormRequest>();
    if (!isFormPost(req) || req.readableEnded) return next.handle();
    return from(readForm(req)).pipe(
      switchMap((fields) => {
        req.body = fields;
        return next.handle();
      }),
    );
  }
}

async function readForm(req: FormRequest): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > FORM_BODY_LIMIT) throw new PayloadTooLargeException(`a form body is at most ${FORM_BODY_LIMIT} bytes`);
    chunks.push(chunk);
  }
  const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  const violation = findHostileInput(fields, 'body');
  if (violation)
    throw new ValidationFailedError(`invalid request: ${violation.field}: ${violation.message}`, [violation]);
  return fields;
}
