import pLimit from 'p-limit';

/**
 * HTTP with bounded concurrency and patient retries. The simulator reacts to events, and the service
 * it calls may not have consumed the same event yet (a technician told of a work order before repairs
 * knows the ticket is theirs): 403/404/409 are retried for a while, 429 waits for Retry-After,
 * 5xx and connection errors back off.
 */
/** A call's options. `retryOn`: statuses that mean "not yet" for this call. */
export interface CallOptions {
  retryOn?: number[];
  patienceMs?: number;
  headers?: Record<string, string>;
  /** states (a 409's currentState) in which a retried step counts as done */
  alreadyIn?: string[];
}

/** One attempt's answer: a status (0: none) and its text; done when the call needs no retry. */
interface Attempt {
  status: number;
  text: string;
  retryAfter?: string | null;
}

export class RestClient {
  private readonly limit: pLimit.Limit;
  calls = 0;
  failures = 0;
  throttled = 0;
  readonly errors = new Map<string, number>();

  constructor(
    concurrency: number,
    private readonly troublePatienceMs = 600_000,
  ) {
    this.limit = pLimit(concurrency);
  }

  get inFlight(): number {
    return this.limit.activeCount + this.limit.pendingCount;
  }

  /** Resolves with the body of the first 2xx; throws after `patienceMs` with the last answer. */
  async call<T = unknown>(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    body?: unknown,
    opts: CallOptions = {},
  ): Promise<T> {
    const retryOn = new Set(opts.retryOn ?? []);
    const started = Date.now();
    // "not yet" answers get a while; a server in trouble (5xx, no answer, 429) gets much longer, as a
    // technician would try again rather than abandon the job
    const notYetDeadline = started + (opts.patienceMs ?? 120_000);
    const troubleDeadline = started + this.troublePatienceMs;
    for (let delay = 200; ; delay = Math.min(delay * 2, 5_000)) {
      const answer = await this.attempt(method, url, token, body, opts.headers);
      const { status, text } = answer;
      if (status >= 200 && status < 300) return this.parsed<T>(method, url, answer);
      // a retried POST whose first attempt did land (the answer was lost): the step is done
      if (status === 409 && opts.alreadyIn?.includes(currentState(text) ?? '')) return undefined as T;
      const wait = status === 429 ? Math.max(delay, Number(answer.retryAfter ?? 1) * 1000) : delay;
      const trouble = status === 0 || status === 429 || status >= 500;
      const deadline = trouble ? troubleDeadline : notYetDeadline;
      if (!(trouble || retryOn.has(status)) || Date.now() + wait > deadline) throw this.givenUp(method, url, answer);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** One request inside the concurrency limit; a connection error is status 0 with its message. */
  private async attempt(
    method: string,
    url: string,
    token: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Attempt> {
    try {
      const answer = await this.limit(() =>
        fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then(async (res) => ({
          status: res.status,
          text: await res.text(),
          retryAfter: res.headers.get('retry-after'),
        })),
      );
      this.calls++;
      if (answer.status === 429) this.throttled++;
      return answer;
    } catch (err) {
      return { status: 0, text: (err as Error).message };
    }
  }

  private parsed<T>(method: string, url: string, answer: Attempt): T {
    try {
      return (answer.text ? JSON.parse(answer.text) : undefined) as T;
    } catch (err) {
      throw this.givenUp(method, url, { status: answer.status, text: (err as Error).message });
    }
  }

  private givenUp(method: string, url: string, { status, text }: Attempt): Error {
    this.failures++;
    const route = new URL(url).pathname.replace(/\/[^/]*-[^/]*\d[^/]*/g, '/:id');
    const key = `${method} ${route} → ${status || 'no answer'}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
    return new Error(`${method} ${url} → ${status || 'no answer'}: ${text.slice(0, 300)}`);
  }
}

function currentState(problem: string): string | undefined {
  try {
    const body = JSON.parse(problem) as { currentState?: string; details?: { currentState?: string } };
    return body.currentState ?? body.details?.currentState;
  } catch {
    return undefined;
  }
}
