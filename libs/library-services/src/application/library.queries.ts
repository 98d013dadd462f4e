import { Injectable } from '@nestjs/common';

import { ForbiddenError, NotFoundError } from '@appliance-care/platform';

import { ShipmentState } from '../domain/binding-shipment';
import { holdsOwner, LibraryActor, queueOwner } from '../domain/library-access.policy';
import { Hold, ItemState, TaskState } from '../domain/library-item';
import { ItemFilter, ItemRepository } from '../persistence/item.repository';
import { ShipmentRepository } from '../persistence/shipment.repository';

export interface TaskQuery {
  technicianId?: string;
  branch?: string;
  open?: boolean;
  limit: number;
}

export type HoldView = Hold & { itemId: string; title: string; branch: string; itemStatus: ItemState['status'] };

/** What the library's staff and patrons read: items, a technician's queue, a patron's holds, a shipment's slip. */
@Injectable()
export class LibraryQueries {
  constructor(
    private readonly items: ItemRepository,
    private readonly shipments: ShipmentRepository,
  ) {}

  async item(itemId: string): Promise<ItemState> {
    const item = await this.items.find(itemId);
    if (!item) throw new NotFoundError('library item', itemId);
    return item;
  }

  list(filter: Pick<ItemFilter, 'status' | 'branch' | 'limit'>): Promise<ItemState[]> {
    return this.items.list(filter);
  }

  /** Queue items, oldest request first: a library technician's own only (403 for someone else's id). */
  async tasks(query: TaskQuery, actor: LibraryActor): Promise<TaskState[]> {
    const owner = queueOwner(actor, query.technicianId);
    if (!owner) throw new ForbiddenError('a library technician sees only their own queue');
    const items = await this.items.list({
      branch: query.branch,
      technicianId: owner.technicianId,
      openTask: query.open === true,
      limit: 500,
    });
    return items
      .flatMap((item) => item.tasks)
      .filter((t) => owner.technicianId === undefined || t.technicianId === owner.technicianId)
      .filter((t) => query.open === undefined || (t.state !== 'closed') === query.open)
      .filter((t) => query.branch === undefined || t.branch === query.branch)
      .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.taskId.localeCompare(b.taskId))
      .slice(0, query.limit);
  }

  /** Holds with their item: a patron's own only (403 for someone else's id). */
  async holds(patronId: string | undefined, actor: LibraryActor): Promise<HoldView[]> {
    const owner = holdsOwner(actor, patronId);
    if (!owner) throw new ForbiddenError('a patron sees only their own holds');
    const items = await this.items.list({ patronId: owner.patronId, limit: 500 });
    return items.flatMap((item) =>
      item.holds
        .filter((h) => owner.patronId === undefined || h.patronId === owner.patronId)
        .map((h) => ({ ...h, itemId: item.itemId, title: item.title, branch: item.branch, itemStatus: item.status })),
    );
  }

  async shipment(shipmentId: string): Promise<ShipmentState> {
    const shipment = await this.shipments.find(shipmentId);
    if (!shipment) throw new NotFoundError('bindery shipment', shipmentId);
    return shipment;
  }
}
