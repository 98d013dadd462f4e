/**
 * HTTP with bounded concurrency and patient retries. The simulator reacts to events, and the service
 * it calls may not have consumed the same event yet (a technician told of a work order before repairs
 * knows the ticket is theirs): 403/404/409 are retried for a while, 429 waits for Retry-After,
 * 5xx and connection errors back off.
 */
export class RestClient {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  calls = 0;
  failures = 0;
  throttled = 0;
  readonly errors = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly troublePatienceMs = 600_000,
  ) {}

  private async slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }

  get inFlight(): number {
    return this.running + this.queue.length;
  }

  /**
   * `retryOn`: statuses that mean "not yet" for this call. Resolves with the body of the first 2xx;
   * throws after `patienceMs` with the last answer.
   */
  async call<T = unknown>(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    body?: unknown,
    opts: { retryOn?: number[]; patienceMs?: number; headers?: Record<string, string>; alreadyIn?: string[] } = {},
  ): Promise<T> {
    const retryOn = new Set(opts.retryOn ?? []);
    const started = Date.now();
    // "not yet" answers get a while; a server in trouble (5xx, no answer, 429) gets much longer, as a
    // technician would try again rather than abandon the job
    const notYetDeadline = started + (opts.patienceMs ?? 120_000);
    const troubleDeadline = started + this.troublePatienceMs;
    let delay = 200;
    for (;;) {
      let status = 0;
      let text = '';
      let wait = delay;
      try {
        const res = await this.slot(() =>
          fetch(url, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...opts.headers,
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          }).then(async (r) => ({ status: r.status, text: await r.text(), retryAfter: r.headers.get('retry-after') })),
        );
        this.calls++;
        status = res.status;
        text = res.text;
        if (status >= 200 && status < 300) return (text ? JSON.parse(text) : undefined) as T;
        // a retried POST whose first attempt did land (the answer was lost): the step is done
        if (status === 409 && opts.alreadyIn?.includes(currentState(text) ?? '')) return undefined as T;
        if (status === 429) {
          this.throttled++;
          wait = Math.max(delay, Number(res.retryAfter ?? 1) * 1000);
        }
      } catch (err) {
        text = (err as Error).message;
      }
      const trouble = status === 0 || status === 429 || status >= 500;
      const deadline = trouble ? troubleDeadline : notYetDeadline;
      if (!(trouble || retryOn.has(status)) || Date.now() + wait > deadline) {
        this.failures++;
        const key = `${method} ${new URL(url).pathname.replace(/\/[^/]*-[^/]*\d[^/]*/g, '/:id')} → ${status || 'no answer'}`;
        this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
        throw new Error(`${method} ${url} → ${status || 'no answer'}: ${text.slice(0, 300)}`);
      }
      await new Promise((r) => setTimeout(r, wait));
      delay = Math.min(delay * 2, 5_000);
    }
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
