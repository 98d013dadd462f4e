import { Injectable, NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** A survey answer is a few fields and a comment of at most 2000 characters, percent-encoded. */
const FORM_LIMIT_BYTES = 32 * 1024;

async function readBody(req: Request, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeException(`a form body may not exceed ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses an application/x-www-form-urlencoded body (the survey page's form) into flat string
 * fields; the services otherwise parse JSON only. Repeated fields keep the last value.
 */
@Injectable()
export class FormBodyMiddleware implements NestMiddleware {
  async use(req: Request, _res: Response, next: (err?: unknown) => void): Promise<void> {
    if (!req.is('application/x-www-form-urlencoded') || req.readableEnded) return next();
    req.body = Object.fromEntries(new URLSearchParams(await readBody(req, FORM_LIMIT_BYTES)));
    next();
  }
}
