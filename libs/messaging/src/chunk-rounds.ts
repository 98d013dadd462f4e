/**
 * Gathers the chunks that partitions hand in at about the same time into one round, so that the
 * store round trips of a round (one inbox claim, one batch-handler call per key position, one
 * commit) carry the events of every partition of a fetch, not of one. kafkajs calls eachBatch for
 * every partition of a fetch response in the same tick (one worker each), so a round stays open
 * until the next turn of the event loop (setImmediate) or until it holds `maxMessages`.
 *
 * Each partition is in at most one round at a time (its eachBatch awaits the round before handing in
 * its next chunk), so a round's keys keep their order; rounds of other partitions may run alongside.
 */
type Process<Chunk, Progress> = (chunks: Chunk[]) => Promise<Progress[]>;

interface OpenRound<Chunk, Progress> {
  chunks: Chunk[];
  messages: number;
  result: Promise<Progress[]>;
  start: () => void;
}

export class ChunkRounds<Chunk extends { messages: readonly unknown[] }, Progress> {
  private open?: OpenRound<Chunk, Progress>;

  constructor(
    private readonly process: Process<Chunk, Progress>,
    private readonly maxMessages: number,
  ) {}

  /** Hands a chunk in; resolves with its own progress once its round is processed. */
  async join(chunk: Chunk): Promise<Progress> {
    const round = this.open ?? this.openRound();
    const index = round.chunks.push(chunk) - 1;
    round.messages += chunk.messages.length;
    if (round.messages >= this.maxMessages) this.close(round);
    const progress = await round.result;
    return progress[index] as Progress;
  }

  private openRound(): OpenRound<Chunk, Progress> {
    let start!: () => void;
    const begun = new Promise<void>((resolve) => (start = resolve));
    const round: OpenRound<Chunk, Progress> = {
      chunks: [],
      messages: 0,
      start,
      result: begun.then(() => this.process(round.chunks)),
    };
    this.open = round;
    setImmediate(() => this.close(round));
    return round;
  }

  /** Starts the round unless it already started (full before its turn of the event loop ended). */
  private close(round: OpenRound<Chunk, Progress>): void {
    if (this.open !== round) return;
    this.open = undefined;
    round.start();
  }
}
