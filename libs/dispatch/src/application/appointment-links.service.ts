import { Injectable } from '@nestjs/common';

import { InvalidLinkError, LinkSigner } from '@appliance-care/auth';

import { AppointmentSlots } from './appointment-slots.service';
import { AppointmentCaller, linkCaller, linkError } from './appointment.callers';
import { AppointmentService, ChosenSlot } from './appointment.service';
import { AppointmentLinkView, ONE_MOVE_NOTICE, toAppointmentView } from './appointment.views';

/** A genuine, unexpired appointment link: the order it names and its holder (admitted on each copy read). */
export interface OpenedLink {
  workOrderId: string;
  caller: AppointmentCaller;
}

export const LINK_CANCEL_REASON = 'cancelled by the customer through the appointment link';

/**
 * The appointment links in booking mails and SMS (no login): the signed token names the order, its
 * customer and the booking's start. It is refused when forged or for another purpose (404), expired
 * (410: it expires when the visit starts), for another customer's order (404), or when the
 * appointment changed since it was sent (409) — so it works for one move.
 */
@Injectable()
export class AppointmentLinks {
  constructor(
    private readonly signer: LinkSigner,
    private readonly slots: AppointmentSlots,
    private readonly appointments: AppointmentService,
  ) {}

  async view(token: string): Promise<AppointmentLinkView> {
    const { workOrderId, caller } = await this.open(token);
    const order = await this.slots.admitted(workOrderId, caller);
    return {
      appointment: toAppointmentView(order),
      offers: await this.slots.offersFor(order),
      notice: ONE_MOVE_NOTICE,
    };
  }

  async reschedule({ workOrderId, caller }: OpenedLink, chosen: ChosenSlot) {
    return toAppointmentView(await this.appointments.reschedule(workOrderId, chosen, caller));
  }

  async cancel({ workOrderId, caller }: OpenedLink, reason: string | undefined) {
    return toAppointmentView(await this.appointments.cancel(workOrderId, reason ?? LINK_CANCEL_REASON, caller));
  }

  /** The link's claims, checked before anything it asks for is looked at (404 forged or for something else, 410 expired). */
  async open(token: string): Promise<OpenedLink> {
    try {
      const claims = await this.signer.verify(token, 'appointment');
      return { workOrderId: claims.subject, caller: linkCaller(claims) };
    } catch (err) {
      throw err instanceof InvalidLinkError ? linkError(err) : err;
    }
  }
}
