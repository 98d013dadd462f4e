import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';

import { CONFLICT, Conflict, EventFactory, untilWritten } from '@appliance-care/messaging';
import { BusinessRuleError, NotFoundError, ValidationFailedError } from '@appliance-care/platform';

import { Booking } from '../domain/booking';
import { decidePlacement, PlacementDecision } from '../domain/placement.policy';
import { Technician } from '../domain/technician';
import { dayKey, Interval, MINUTE } from '../domain/time';
import { WorkOrder } from '../domain/work-order';
import { Assignment, PlacementOverride } from '../domain/work-order.state';
import { BOOKED, WorkOrderAction, WorkOrderStateMachine } from '../domain/work-order.state-machine';
import { TechnicianRepository, toTechnician } from '../persistence/technician.repository';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { CalendarCache } from './calendar.cache';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { SlotBooker } from './slot-booker';
import { WorkOrderEvents } from './work-order.events';

/** A dispatcher's request to place an open work order with a technician at a start time. */
export interface PlacementInput {
  technicianId: string;
  start: string;
  overrideReason?: string;
  /** the dispatcher's subject, recorded with an override */
  by: string;
}

/**
 * A booking at a chosen start, judged like a placement (qualification, the calendar with travel):
 * a dispatcher's placement, or an appointment its customer moves (AppointmentService).
 */
export interface SlotChoice {
  technicianId: string;
  start: string;
  /** the state machine's action, refused (409 naming the status) before anything is booked */
  action: Extract<WorkOrderAction, 'place' | 'reschedule'>;
  overrideReason?: string;
  /** refuses on each attempt's fresh copy before the calendar is read (a stale link, a slot not offered) */
  vet?: (stored: WorkOrderDocument, technician: Technician, slot: Interval) => void;
  /** records the booking (its reason: the placement decision's) on the order, with its events */
  record: (order: WorkOrder, assignment: Assignment, decision: Placed) => void;
}

type Placed = Extract<PlacementDecision, { outcome: 'place' }>;

const iso = (ms: number) => new Date(ms).toISOString();

/** A refused placement as the caller sees it: 400 naming overrideReason, 409 for a taken slot, 422 otherwise. */
function refusal(decision: Extract<PlacementDecision, { outcome: 'refused' }>, status: string): Error {
  if (decision.refusal === 'override-reason-required')
    return new ValidationFailedError(decision.message, [{ field: 'overrideReason', message: decision.message }]);
  if (decision.refusal === 'slot-taken')
    return new BusinessRuleError('slot-taken', decision.message, { currentState: status });
  if (decision.refusal === 'library-technician')
    return new BusinessRuleError('library-technician', decision.message, { currentState: status }, 422);
  return new BusinessRuleError('technician-inactive', decision.message, { currentState: status }, 422);
}

/**
 * Places a work order by hand (POST /work-orders/{id}/assign): the dispatcher's technician and
 * start, with the qualification check and the calendar guarantee of automatic assignment (the
 * booking is conditioned on the day's version, so two placements or an assignment racing for one
 * slot cannot both win). A failed qualification is overridden only with a reason, which is stored
 * on the order and published as work-order.qualification-overridden.v1 next to work-order.assigned.v1.
 * `book` is the same machinery for other choices of a slot (a customer moving an appointment).
 */
@Injectable()
export class ManualPlacement {
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly technicians: TechnicianRepository,
    private readonly calendars: CalendarCache,
    private readonly booker: SlotBooker,
    factory: EventFactory,
    @Inject(DISPATCH_SETTINGS) private readonly settings: DispatchSettings,
  ) {
    this.events = new WorkOrderEvents(factory);
  }

  place(workOrderId: string, input: PlacementInput): Promise<WorkOrderDocument> {
    return this.book(workOrderId, {
      ...input,
      action: 'place',
      record: (order, assignment, decision) =>
        order.place(
          { ...assignment, reason: `${assignment.reason} by ${input.by}` },
          overrideOf(decision, input),
          new Date().toISOString(),
        ),
    });
  }

  /** Books the chosen slot and records it on the order, deciding again on fresh copies after a lost race. */
  book(workOrderId: string, choice: SlotChoice): Promise<WorkOrderDocument> {
    return untilWritten(`work order ${workOrderId}`, () => this.tryBook(workOrderId, choice), {
      attempts: this.settings.maxBookingConflicts + 1,
    });
  }

  /** One round on fresh copies: decide, book the slot, record it on the order; a lost race is a CONFLICT. */
  private async tryBook(workOrderId: string, choice: SlotChoice): Promise<WorkOrderDocument | Conflict> {
    const stored = await this.workOrders.get(workOrderId);
    if (!stored) throw new NotFoundError('work order', workOrderId);
    WorkOrderStateMachine.next(workOrderId, stored.status, choice.action); // 409 before anything is booked
    const technician = await this.technician(choice.technicianId);
    const start = Date.parse(choice.start);
    const slot: Interval = { from: start, to: start + stored.durationMinutes * MINUTE };
    choice.vet?.(stored, technician, slot);
    const day = dayKey(start);
    const seen = (await this.calendars.read([technician.technicianId], [day])).get(technician.technicianId)?.get(day);
    const decision = decidePlacement(stored, {
      technician,
      slot,
      bookings: seen?.bookings ?? [],
      bufferMinutes: this.settings.bufferMinutes,
      overrideReason: choice.overrideReason,
    });
    if (decision.outcome === 'refused') throw refusal(decision, stored.status);
    const booking = this.bookingFor(workOrderId, slot);
    if (!(await this.calendars.book(technician.technicianId, day, seen, booking))) return CONFLICT;
    const assignment: Assignment = {
      technicianId: technician.technicianId,
      technicianName: technician.name,
      bookingId: booking.bookingId,
      window: { from: iso(slot.from), to: iso(slot.to) },
      day,
      reason: decision.reason,
    };
    return this.record(stored, assignment, (order) => choice.record(order, assignment, decision));
  }

  private bookingFor(workOrderId: string, slot: Interval): Booking {
    const blockedUntil = slot.to + this.settings.bufferMinutes * MINUTE;
    return { bookingId: randomUUID(), workOrderId, from: slot.from, to: slot.to, blockedUntil };
  }

  /** The order records the booking; a lost race gives the new booking back, a win gives the old one back. */
  private async record(
    stored: WorkOrderDocument,
    assignment: Assignment,
    apply: (order: WorkOrder) => void,
  ): Promise<WorkOrderDocument | Conflict> {
    const order = WorkOrder.restore(stored);
    const held = BOOKED.includes(stored.status) ? order.held() : undefined;
    apply(order);
    if (!(await this.workOrders.save(order, this.events.of(order)))) {
      await this.booker.release(assignment);
      return CONFLICT;
    }
    if (held) await this.booker.release(held);
    const after = await this.workOrders.get(stored._id);
    if (!after) throw new NotFoundError('work order', stored._id);
    return after;
  }

  private async technician(technicianId: string): Promise<Technician> {
    const found = await this.technicians.get(technicianId);
    if (!found) throw new NotFoundError('technician', technicianId);
    return toTechnician(found);
  }
}

function overrideOf(decision: Placed, input: PlacementInput): PlacementOverride | undefined {
  if (decision.failedChecks.length === 0) return undefined;
  const reason = (input.overrideReason ?? '').trim();
  return { failedChecks: decision.failedChecks, reason, by: input.by, at: new Date().toISOString() };
}
