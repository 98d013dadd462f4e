/**
 * Each service's consumer lag (messages its group has not yet consumed, summed over partitions), read
 * from the gauge a service computes from Kafka's group offsets at every /metrics scrape.
 */
export async function consumerLag(urls: Readonly<Record<string, string>>): Promise<Map<string, number>> {
  const lags = await Promise.all(
    Object.entries(urls).map(async ([service, url]) => {
      const text = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) }).then(
        (res) => (res.ok ? res.text() : ''),
        () => '',
      );
      return [service, totalLag(text)] as const;
    }),
  );
  return new Map(lags.filter(([, lag]) => lag !== undefined) as [string, number][]);
}

/** The sum of a Prometheus text exposition's kafka_consumer_lag samples; undefined when it has none. */
export function totalLag(metrics: string): number | undefined {
  let total: number | undefined;
  for (const line of metrics.split('\n')) {
    const match = /^kafka_consumer_lag\{[^}]*\}\s+(\S+)/.exec(line);
    if (match) total = (total ?? 0) + Number(match[1]);
  }
  return total;
}
