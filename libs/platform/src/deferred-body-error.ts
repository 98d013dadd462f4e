const BODY_ERROR = Symbol('appliance-care:body-error');

interface BodyParserError {
  status: number;
  type: string;
}

/** An error of the JSON body parser (http-errors with a 4xx status and a type such as `entity.parse.failed`). */
const isBodyParserError = (err: unknown): err is BodyParserError => {
  const e = err as Partial<BodyParserError> | undefined;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.type === 'string';
};

/**
 * Express error middleware placed right after the body parser. The parser runs before any guard, so
 * its refusal (malformed JSON 400, body too large 413) would answer an unauthenticated caller before
 * authentication; instead it is kept on the request and raised by `raiseDeferredBodyError`, which
 * the input guard calls after the bearer token has been checked.
 */
export function deferBodyParserErrors(
  err: unknown,
  req: Record<PropertyKey, unknown>,
  _res: unknown,
  next: (err?: unknown) => void,
): void {
  if (!isBodyParserError(err)) return next(err);
  req[BODY_ERROR] = err;
  req['body'] = undefined;
  next();
}

/** Throws the body parser's refusal kept by `deferBodyParserErrors`, if there is one. */
export function raiseDeferredBodyError(req: object): void {
  const err = (req as Record<PropertyKey, unknown>)[BODY_ERROR];
  if (err) throw err;
}
