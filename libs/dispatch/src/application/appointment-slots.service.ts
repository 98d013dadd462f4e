import { Inject, Injectable } from '@nestjs/common';

import { CalendarView, candidatesFor } from '../domain/assignment.policy';
import { offerRange, offerSlots, SlotOfferSettings } from '../domain/slot-offer.policy';
import { coversRegion } from '../domain/technician';
import { dayKey, daysOf } from '../domain/time';
import { WorkOrderStateMachine } from '../domain/work-order.state-machine';
import { WorkOrderRepository } from '../persistence/work-order.repository';
import { WorkOrderDocument } from '../persistence/work-order.schema';
import { AppointmentCaller } from './appointment.callers';
import { APPOINTMENT_SETTINGS, AppointmentSettings } from './appointment.settings';
import { SlotOffers, toSlotOffers } from './appointment.views';
import { CalendarCache } from './calendar.cache';
import { DISPATCH_SETTINGS, DispatchSettings } from './dispatch.settings';
import { RosterCache } from './roster.cache';

/**
 * The windows an appointment may move to (GET /work-orders/{id}/slots, the appointment link): the
 * slot search of automatic assignment over the roster and calendar copies this instance decides
 * on. An offer is not a hold: booking it is checked again (AppointmentService), so a window taken
 * meanwhile answers slot-taken.
 */
@Injectable()
export class AppointmentSlots {
  constructor(
    private readonly workOrders: WorkOrderRepository,
    private readonly roster: RosterCache,
    private readonly calendars: CalendarCache,
    @Inject(DISPATCH_SETTINGS) private readonly dispatch: DispatchSettings,
    @Inject(APPOINTMENT_SETTINGS) private readonly appointments: AppointmentSettings,
  ) {}

  /** The order, if the caller may act on it (404 for someone else's, before its state is looked at). */
  async admitted(workOrderId: string, caller: AppointmentCaller): Promise<WorkOrderDocument> {
    return caller.admit(await this.workOrders.get(workOrderId), workOrderId);
  }

  async offers(workOrderId: string, caller: AppointmentCaller): Promise<SlotOffers> {
    return this.offersFor(await this.admitted(workOrderId, caller));
  }

  /** The next free windows for an order that may still move (409 naming its status otherwise). */
  async offersFor(order: WorkOrderDocument, now = Date.now()): Promise<SlotOffers> {
    WorkOrderStateMachine.next(order.workOrderId, order.status, 'reschedule');
    const settings = this.settings();
    const range = offerRange(now, settings);
    const roster = (await this.roster.all()).filter((technician) => coversRegion(technician, order.region));
    const candidates = candidatesFor(order, roster, order.declinedBy).map((technician) => technician.technicianId);
    const days = await this.calendars.read(candidates, daysOf(range).map(dayKey));
    const view: CalendarView = new Map(
      candidates.map((id) => [id, new Map([...(days.get(id) ?? [])].map(([day, copy]) => [day, copy.bookings]))]),
    );
    return toSlotOffers(order, range, offerSlots(order, roster, view, range, settings));
  }

  settings(): SlotOfferSettings {
    const { bufferMinutes, stepMinutes } = this.dispatch;
    return { ...this.appointments, bufferMinutes, stepMinutes };
  }
}
