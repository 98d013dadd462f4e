import { Inject, Injectable } from '@nestjs/common';

import { EventEnvelope, LibraryTaskClosed, LibraryTaskRequested } from '@appliance-care/contracts';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';

import { cannotHold, decideQueueAssignment, QueueAssignmentDecision } from '../domain/queue-assignment.policy';
import {
  closed,
  closedBeforeRequest,
  decided,
  newQueueItem,
  QueueItemFact,
  QueueItemState,
  QueueTask,
  requestedAfterClose,
} from '../domain/queue-item';
import { QueueItemRepository } from '../persistence/queue-item.repository';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { KeyedTurns } from './keyed-turns';
import { RosterCache } from './roster.cache';

const now = () => new Date().toISOString();

const taskOf = (data: QueueTask): QueueTask => ({
  taskId: data.taskId,
  kind: data.kind,
  skill: data.skill,
  branch: data.branch,
  itemId: data.itemId,
  subscriptionId: data.subscriptionId,
  title: data.title,
});

/**
 * Library work reaching library technicians as queue items: each library.task.requested.v1 becomes
 * one item, assigned by the queue assignment policy (branch, skill, least load, working hours) or
 * left waiting with the reason; every decision is one write of the item with its event in the
 * outbox. Decisions on one branch take turns on this instance, so a burst of tasks spreads over the
 * branch's technicians instead of all reading the same load.
 */
@Injectable()
export class QueueItems {
  private readonly turns = new KeyedTurns<string>((a, b) => a.localeCompare(b));

  constructor(
    private readonly items: QueueItemRepository,
    private readonly roster: RosterCache,
    private readonly factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {}

  /** A task asked for: a new item decided at once; a redelivery (or an item that waits) is offered again. */
  requested(event: EventEnvelope<LibraryTaskRequested>): Promise<void> {
    const task = taskOf(event.data);
    return this.turns.run(task.branch, event.data.requestedAt, async () => {
      if (!(await this.items.get(task.taskId))) {
        const at = now();
        const fresh = newQueueItem(task, event.data.requestedAt, event.id, at);
        const result = decided(fresh, await this.decide(task), at);
        const item = result === 'unchanged' ? fresh : result.item;
        const events = result === 'unchanged' ? [] : [this.announce(item, result.fact)];
        if (await this.items.insert(item, events)) return;
      }
      await this.offerNow(task.taskId, event.data.requestedAt);
    });
  }

  /** The task is done or cancelled: the item closes and its technician's load drops; never reopened. */
  async closed(event: EventEnvelope<LibraryTaskClosed>): Promise<void> {
    const { taskId, outcome, closedAt } = event.data;
    await untilWritten(`queue item ${taskId}`, async () => {
      const stored = await this.items.get(taskId);
      const at = now();
      if (!stored) {
        const item = closedBeforeRequest(taskOf(event.data), { outcome, closedAt }, event.id, at);
        return (await this.items.insert(item, [])) || CONFLICT;
      }
      const next = closed(stored, { outcome, closedAt }, at);
      if (next === 'unchanged') return true;
      return (await this.items.save(next, stored.version, [])) || CONFLICT;
    });
  }

  /**
   * A library technician was registered or changed at this branch: the items waiting there get
   * another chance, oldest first.
   */
  async rosterChanged(branch: string): Promise<number> {
    this.roster.invalidate();
    const waiting = await this.items.list({ branch, status: 'waiting' });
    for (const item of waiting) await this.turns.run(branch, item.requestedAt ?? '', () => this.offerNow(item.taskId));
    return waiting.length;
  }

  /**
   * A library technician changed: the items they hold and can no longer take (deactivated, skill
   * removed, moved to another branch) go to the next technician at the item's branch, or wait.
   */
  async technicianChanged(technicianId: string): Promise<number> {
    this.roster.invalidate();
    const held = await this.items.list({ technicianId, status: 'assigned' });
    let moved = 0;
    for (const { taskId, branch, requestedAt } of held)
      if (await this.turns.run(branch, requestedAt ?? '', () => this.moveOff(taskId, technicianId))) moved += 1;
    return moved;
  }

  private moveOff(taskId: string, technicianId: string): Promise<boolean> {
    return untilWritten(`queue item ${taskId}`, async () => {
      const stored = await this.items.get(taskId);
      if (stored?.status !== 'assigned' || stored.technicianId !== technicianId) return false;
      const holder = (await this.roster.all()).find((technician) => technician.technicianId === technicianId);
      const why = cannotHold(holder, stored);
      if (!why) return false;
      const result = decided(
        stored,
        await this.decide(stored),
        now(),
        `${technicianId} can no longer take it (${why})`,
      );
      if (result === 'unchanged') return false;
      const saved = await this.items.save(result.item, stored.version, [this.announce(result.item, result.fact)]);
      return saved || CONFLICT;
    });
  }

  /**
   * One decision on a fresh copy of a waiting item, written on the version read. `requestedAt`: a
   * request's (re)delivery, which an item closed before it records and does not offer.
   */
  private offerNow(taskId: string, requestedAt?: string): Promise<void> {
    return untilWritten(`queue item ${taskId}`, async () => {
      const stored = await this.items.get(taskId);
      if (stored?.status === 'closed' && requestedAt) {
        const late = requestedAfterClose(stored, requestedAt, now());
        return late === 'unchanged' || (await this.items.save(late, stored.version, [])) ? undefined : CONFLICT;
      }
      if (!stored || stored.status !== 'waiting') return undefined;
      const result = decided(stored, await this.decide(stored), now());
      if (result === 'unchanged') return undefined;
      const saved = await this.items.save(result.item, stored.version, [this.announce(result.item, result.fact)]);
      return saved ? undefined : CONFLICT;
    });
  }

  private async decide(task: QueueTask): Promise<QueueAssignmentDecision> {
    const roster = await this.roster.all();
    const candidates = roster.filter((technician) => technician.branch === task.branch).map((t) => t.technicianId);
    const load = await this.items.openLoad(candidates);
    return decideQueueAssignment(task, roster, load, Date.now(), this.settings.horizonDays);
  }

  private announce(item: QueueItemState, fact: QueueItemFact): EventEnvelope {
    const task = taskOf(item);
    const at = item.updatedAt;
    if (fact.type === 'queue-item.assigned.v1') {
      const { type, ...assigned } = fact;
      return this.factory.create(type, { ...task, ...assigned, assignedAt: at }, { subject: item.taskId });
    }
    return this.factory.create(fact.type, { ...task, reason: fact.reason, at }, { subject: item.taskId });
  }
}
