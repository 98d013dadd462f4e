import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/** Wakes this process's open feed streams when a recipient's feed grew (streams also poll, for other instances). */
@Injectable()
export class FeedHub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(recipientId: string): void {
    this.emitter.emit(recipientId);
  }

  subscribe(recipientId: string, listener: () => void): () => void {
    this.emitter.on(recipientId, listener);
    return () => this.emitter.off(recipientId, listener);
  }
}
