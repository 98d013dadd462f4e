import { Injectable, Logger } from '@nestjs/common';

import { QueueItemAssigned, QueueItemUnassignable } from '@appliance-care/contracts';

import { ItemState } from '../domain/library-item';
import { recordAssignment, recordUnassignable } from '../domain/library-task';
import { ItemChanges } from './item-changes.unit-of-work';

/**
 * Dispatch's answers to the library's task requests, recorded on the item the task is on (no event:
 * dispatch published the fact). A redelivery, or an answer for a task already closed, changes nothing.
 */
@Injectable()
export class TrackTasks {
  private readonly logger = new Logger(TrackTasks.name);

  constructor(private readonly changes: ItemChanges) {}

  async assigned(event: QueueItemAssigned): Promise<void> {
    await this.onItem(event, (item) => recordAssignment(item, event));
  }

  async unassignable(event: QueueItemUnassignable): Promise<void> {
    await this.onItem(event, (item) => recordUnassignable(item, event));
  }

  private async onItem(
    event: { taskId: string; itemId?: string },
    next: (item: ItemState) => ItemState | undefined,
  ): Promise<void> {
    // a task without an item (a serial's check-in) is not an item's: serials keeps its own tasks
    if (!event.itemId) return;
    const item = await this.changes.ifKnown(event.itemId, (read) => {
      const state = next(read);
      return state ? { state, events: [] } : undefined;
    });
    if (!item)
      this.logger.warn({ taskId: event.taskId, itemId: event.itemId }, 'a queue item for an unknown library item');
  }
}
