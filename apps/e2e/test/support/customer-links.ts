import { http } from '@appliance-care/service-testing';
import { links, mailParts } from '@appliance-care/testing';

import { Data, E2eSystem, Inbox } from './e2e-system';

type LinkKind = 'appointment' | 'feedback';

/**
 * What a customer does with the links in their mail: opens the link exactly as it stands in the
 * mail (no login), then moves the appointment or answers the survey.
 */
export class CustomerLinks {
  constructor(private readonly sys: E2eSystem) {}

  /** The link in the last mail of `eventType` the inbox received; remembered as a secret for the log check. */
  async inMail(inbox: Inbox, eventType: string, kind: LinkKind): Promise<string> {
    const mail = inbox
      .mails()
      .filter((m) => m.headers['x-event-type'] === eventType)
      .at(-1);
    expect({ eventType, mail: Boolean(mail) }).toEqual({ eventType, mail: true });
    const found = links((await mailParts(mail!)).text, kind);
    expect({ eventType, kind, links: found.length }).toEqual({ eventType, kind, links: 1 });
    this.sys.remember(`a signed ${kind} link`, found[0].split('/').at(-1)!);
    return found[0];
  }

  async open(link: string): Promise<{ status: number; body: Data }> {
    return http('GET', link);
  }

  /** Moves the appointment to the offer at `index` of the link's page; answers the offer taken. */
  async moveAppointment(link: string, index: number): Promise<Data> {
    const page = await this.open(link);
    expect({ status: page.status, slots: page.body.offers?.slots?.length >= 5 }).toEqual({ status: 200, slots: true });
    const offer = page.body.offers.slots[index];
    const moved = await http('POST', `${link}/reschedule`, {
      body: { slot: { technicianId: offer.technicianId, start: offer.window.from } },
    });
    expect({ status: moved.status, body: moved.body }).toMatchObject({ status: 200, body: { window: offer.window } });
    return offer;
  }

  async answerSurvey(link: string, answer: Data): Promise<{ status: number; body: Data }> {
    return http('POST', link.replace(/\/feedback-links\/.*$/, '/feedback'), {
      body: { token: link.split('/').at(-1), ...answer },
    });
  }
}
