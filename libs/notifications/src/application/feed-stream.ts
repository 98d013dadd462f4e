import { Injectable } from '@nestjs/common';

import { NotificationRepository } from '../persistence/notification.repository';
import { NotificationDoc } from '../persistence/notification.schema';
import { FeedHub } from './feed.hub';
import { WakeablePause } from './wakeable-pause';

/** Where a feed stream goes: an open HTTP response, written in Server-Sent Events framing. */
export interface FeedStreamTarget {
  write(chunk: string): unknown;
  /** resolves when the client has gone away */
  closed: Promise<void>;
}

export interface FeedStreamOptions {
  /** how many of the latest entries a new stream starts with */
  limit: number;
  /** the Last-Event-ID header of a client that reconnects: it resumes after that entry */
  lastEventId?: string;
  /** what the client sees of an entry */
  view: (entry: NotificationDoc) => unknown;
}

/** How often a stream looks for entries written by other instances (this one's wake it at once). */
const POLL_MS = 2000;
/** A comment now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
const READ_LIMIT = 200;

/** One client's stream: what it was sent, and from when to read next. */
class OpenFeedStream {
  private readonly sent = new Set<string>();
  private after = new Date();
  private closed = false;
  private lastBeat = Date.now();
  readonly pause = new WakeablePause();

  constructor(
    private readonly recipientId: string,
    private readonly notifications: NotificationRepository,
    private readonly options: FeedStreamOptions,
    private readonly target: FeedStreamTarget,
  ) {
    void target.closed.then(() => {
      this.closed = true;
      this.pause.wake();
    });
  }

  /** The latest entries, oldest first, or nothing but the position after the entry the client last saw. */
  async open(): Promise<void> {
    const { lastEventId, limit } = this.options;
    const resumeFrom = lastEventId ? await this.notifications.findById(lastEventId) : undefined;
    if (resumeFrom?.recipientId === this.recipientId) {
      this.after = new Date(resumeFrom.createdAt);
      this.sent.add(resumeFrom._id);
    } else {
      const latest = (await this.notifications.feed(this.recipientId, { limit })).reverse();
      for (const entry of latest) this.send(entry);
    }
    this.target.write(': stream open\n\n');
  }

  /** Sends what is new until the client goes away. */
  async follow(): Promise<void> {
    while (!this.closed) {
      const fresh = await this.notifications.feed(this.recipientId, { limit: READ_LIMIT, after: this.after });
      for (const entry of fresh) if (!this.sent.has(entry._id)) this.send(entry);
      if (Date.now() - this.lastBeat > HEARTBEAT_MS) {
        this.target.write(': keep-alive\n\n');
        this.lastBeat = Date.now();
      }
      await this.pause.sleep(POLL_MS);
    }
  }

  private send(entry: NotificationDoc): void {
    this.sent.add(entry._id);
    this.after = new Date(entry.createdAt);
    const data = JSON.stringify(this.options.view(entry));
    this.target.write(`id: ${entry._id}\nevent: notification\ndata: ${data}\n\n`);
  }
}

/** The in-app feed as Server-Sent Events. */
@Injectable()
export class FeedStreams {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly hub: FeedHub,
  ) {}

  /**
   * Sends the latest entries (or those after Last-Event-ID), then each new one as it is written, until
   * the client goes away: a write in this process wakes the stream at once, a poll catches writes of
   * other instances.
   */
  async stream(recipientId: string, options: FeedStreamOptions, target: FeedStreamTarget): Promise<void> {
    const stream = new OpenFeedStream(recipientId, this.notifications, options, target);
    const unsubscribe = this.hub.subscribe(recipientId, () => stream.pause.wake());
    try {
      await stream.open();
      await stream.follow();
    } finally {
      unsubscribe();
    }
  }
}
