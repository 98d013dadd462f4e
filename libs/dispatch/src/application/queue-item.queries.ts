import { Injectable } from '@nestjs/common';

import { hasRole, Principal } from '@appliance-care/auth';
import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

import { QueueItemRepository } from '../persistence/queue-item.repository';
import { QueueItemDocument } from '../persistence/queue-item.schema';
import { QueueItemListQuery } from './queue-item.views';

/** Librarians (supervisors) and admins see every queue item; a library technician only their own. */
const seesAll = (principal: Principal): boolean => hasRole(principal, 'admin', 'librarian');

@Injectable()
export class QueueItemQueries {
  constructor(private readonly items: QueueItemRepository) {}

  /**
   * A library technician's list is their own queue: filtering by another technician is refused
   * (403); a token without a technicianId holds no queue items.
   */
  async list(query: QueueItemListQuery, principal: Principal): Promise<QueueItemDocument[]> {
    if (seesAll(principal)) return this.items.list(query);
    const own = principal.technicianId;
    if (query.technicianId && query.technicianId !== own)
      throw new ForbiddenError('a library technician may list only their own queue items');
    return own ? this.items.list({ ...query, technicianId: own }) : [];
  }

  /** Someone else's queue item is indistinguishable from a missing one (404). */
  async get(taskId: string, principal: Principal): Promise<QueueItemDocument> {
    const found = await this.items.get(taskId);
    const own = found?.technicianId !== undefined && found.technicianId === principal.technicianId;
    if (!found || (!seesAll(principal) && !own)) throw new NotFoundError('queue item', taskId);
    return found;
  }
}
