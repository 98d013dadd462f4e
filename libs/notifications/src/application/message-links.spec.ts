import { LinkSigner } from '@appliance-care/auth';
import type { NotificationTarget, TemplateName } from '@appliance-care/notification-rules';

import { templateContext, TemplateRenderer } from '../templates/template.renderer';
import { MessageLinks } from './message-links';
import { loadNotificationsConfig } from './notifications.config';

const SECRET = 'a-link-secret-for-the-message-links-spec';
const config = loadNotificationsConfig({
  LINK_SIGNING_SECRET: SECRET,
  APPOINTMENT_LINK_URL: 'https://care.example/appointments/',
  FEEDBACK_LINK_DAYS: '7',
});
const links = new MessageLinks(config);
const signer = new LinkSigner(SECRET);
const now = new Date('2026-12-01T10:00:00Z');
const window = { from: '2026-12-03T08:00:00.000Z', to: '2026-12-03T10:00:00.000Z' };
const customer: NotificationTarget = {
  recipientKind: 'customer',
  recipientId: 'C-1',
  template: 'repair-visit-booked',
  urgency: 'normal',
};
const tokenOf = (url: string | undefined) => url?.split('/').pop() ?? '';

describe('MessageLinks', () => {
  it('signs an appointment link under LINK_SIGNING_SECRET that the verifier reads back with its claims', async () => {
    const data = { workOrderId: 'WO-1', kind: 'repair', customerId: 'C-1', window };
    const { appointmentLink } = await links.forMessage(
      { id: 'ev-1', type: 'work-order.assigned.v1' },
      customer,
      data,
      now,
    );
    expect(appointmentLink).toMatch(/^https:\/\/care\.example\/appointments\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = await signer.verify(tokenOf(appointmentLink), 'appointment', now);
    expect(claims).toMatchObject({ subject: 'WO-1', customerId: 'C-1', ref: window.from });
    expect(claims.expiresAt).toEqual(new Date(window.from));
    await expect(
      new LinkSigner('another-secret').verify(tokenOf(appointmentLink), 'appointment', now),
    ).rejects.toThrow();
  });

  it('signs a survey link to the portal for FEEDBACK_LINK_DAYS, and nothing for a message without a link', async () => {
    const data = { ticketId: 'R-1', customerId: 'C-1' };
    const { feedbackLink } = await links.forMessage({ id: 'ev-2', type: 'repair.completed.v1' }, customer, data, now);
    expect(feedbackLink?.startsWith('http://127.0.0.1:3000/api/v1/feedback-links/')).toBe(true);
    const claims = await signer.verify(tokenOf(feedbackLink), 'feedback', now);
    expect(claims).toMatchObject({ subject: 'R-1', customerId: 'C-1', ref: 'repair' });
    expect(claims.expiresAt).toEqual(new Date('2026-12-08T10:00:00Z'));
    expect(await links.forMessage({ id: 'ev-3', type: 'repair.en-route.v1' }, customer, data, now)).toEqual({});
    const technician = { ...customer, recipientKind: 'technician' as const, recipientId: 'T-1' };
    const booking = { workOrderId: 'WO-1', kind: 'repair', customerId: 'C-1', window };
    expect(await links.forMessage({ id: 'ev-1', type: 'work-order.assigned.v1' }, technician, booking, now)).toEqual(
      {},
    );
  });

  it('puts the link into every part of every language of the templates that carry one', () => {
    const renderer = new TemplateRenderer();
    const appointmentLink = 'https://care.example/appointment-links/aaa.bbb.ccc';
    const feedbackLink = 'https://care.example/feedback-links/ddd.eee.fff';
    const cases: [TemplateName, Record<string, unknown>, string][] = [
      ['installation-scheduled', { window, technicianName: 'Ada', appointmentLink }, appointmentLink],
      ['visit-scheduled', { window, technicianName: 'Ada', appointmentLink }, appointmentLink],
      ['repair-visit-booked', { window, technicianName: 'Ada', appointmentLink }, appointmentLink],
      ['installation-completed', { completedAt: window.to, feedbackLink }, feedbackLink],
      ['repair-completed', { workDone: 'new pump', feedbackLink }, feedbackLink],
      ['diagnosis-outcome', { outcome: 'resolved', category: 'oven', feedbackLink }, feedbackLink],
      ['diagnosis-outcome', { outcome: 'no-fault-found', category: 'oven', feedbackLink }, feedbackLink],
    ];
    for (const locale of ['en-GB', 'de-DE', 'fr-FR'])
      for (const [template, data, link] of cases) {
        const out = renderer.render(template, templateContext(data, 'Sam'), { locale, timeZone: 'UTC' });
        for (const part of [out.text, out.html, out.sms])
          expect([template, locale, part.includes(link)]).toEqual([template, locale, true]);
      }
    // without a link, nothing dangles
    const plain = renderer.render('repair-visit-booked', templateContext({ window, technicianName: 'Ada' }, 'Sam'), {
      locale: 'en-GB',
      timeZone: 'UTC',
    });
    expect(plain.text).not.toMatch(/move or cancel/i);
  });
});
