import { Producer } from 'kafkajs';

/**
 * The relay's producer. Given a factory, the relay owns it: connects it, and replaces it after
 * every failed send (kafkajs rewinds the sequence numbers of a failed request's partitions, those
 * Kafka stored included: see publish in outbox-publishing.ts). Given a connected producer, uses it
 * as is.
 */
export class RelayProducer {
  private producer?: Producer;
  private connecting?: Promise<void>;

  constructor(private readonly source: Producer | (() => Producer)) {
    if (typeof source !== 'function') this.producer = source;
  }

  get owned(): boolean {
    return typeof this.source === 'function';
  }

  async connected(): Promise<Producer> {
    if (!this.producer) this.producer = (this.source as () => Producer)();
    const producer = this.producer;
    if (this.owned) {
      this.connecting ??= producer.connect().catch((err) => {
        this.connecting = undefined;
        throw err;
      });
      await this.connecting;
    }
    return producer;
  }

  /** An owned producer is dropped, so that the next round gets a fresh one (and producer id). */
  async drop(): Promise<void> {
    if (!this.owned) return;
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}
