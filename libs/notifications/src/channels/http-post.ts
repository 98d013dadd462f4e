import { DeliveryError, isPermanentHttpStatus } from '../domain/retry.policy';

/** POSTs a JSON body with a timeout; non-2xx answers and network errors become DeliveryErrors. */
export async function postJson(
  what: string,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const failure = err as Error;
    const reason =
      failure.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : ((failure.cause as Error | undefined)?.message ?? failure.message);
    throw new DeliveryError(`${what}: ${reason}`, false);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new DeliveryError(`${what}: HTTP ${res.status}`, isPermanentHttpStatus(res.status));
}
