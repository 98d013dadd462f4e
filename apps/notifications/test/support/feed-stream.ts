/** An open Server-Sent Events response, read into `received` as it arrives until `close()`. */
export interface FeedStream {
  response: Response;
  received: string;
  close(): Promise<void>;
}

export async function openFeedStream(url: string, headers: Record<string, string>): Promise<FeedStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = response.body!.getReader();
  const stream: FeedStream = { response, received: '', close: async () => undefined };
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      stream.received += Buffer.from(value).toString('utf8');
    }
  })().catch(() => undefined);
  stream.close = async () => {
    controller.abort();
    await reading;
  };
  return stream;
}
