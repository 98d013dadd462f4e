import { matchRules, UNTOLD_EVENTS } from '@appliance-care/notification-rules';

import { templateContext, TemplateRenderer } from '../templates/template.renderer';

const opts = { locale: 'en-GB', timeZone: 'Europe/London' };

describe('a warranty replacement in the rules and templates', () => {
  it('asks the region’s dispatch team to decide a proposal and tells the customer of the approval', () => {
    const proposal = { ticketId: 'RT-1', applianceId: 'A-1', customerId: 'C-1', region: 'leeds', reason: 'x' };
    expect(matchRules('repair.replacement-proposed.v1', proposal)).toEqual([
      {
        recipientKind: 'dispatch-team',
        recipientId: 'dispatch-team',
        template: 'dispatch-replacement-proposed',
        urgency: 'normal',
        route: 'leeds',
      },
    ]);
    expect(matchRules('repair.replacement-approved.v1', { ...proposal, approvedBy: 'd-1' })).toEqual([
      { recipientKind: 'customer', recipientId: 'C-1', template: 'repair-replacement-approved', urgency: 'normal' },
    ]);
    expect(UNTOLD_EVENTS.map((u) => u.eventType)).toContain('appliance.retired.v1');
  });

  it('writes both serials into the replacement’s registration message', () => {
    const renderer = new TemplateRenderer();
    const context = templateContext(
      {
        brand: 'Acme',
        model: 'WM8',
        serialNumber: 'RMA-WM-1',
        warrantyEndsAt: '2028-03-15T09:00:00Z',
        replaces: { applianceId: 'A-OLD', serialNumber: 'WM-1', ticketId: 'RT-1' },
      },
      'Ada',
    );
    const message = renderer.render('appliance-registered', context, opts);
    expect(message.text).toContain('(serial RMA-WM-1) is registered. It replaces your appliance with serial WM-1');
    const approved = renderer.render(
      'repair-replacement-approved',
      templateContext({ ticketId: 'RT-1', reason: 'the same fault again' }, 'Ada'),
      opts,
    );
    expect(approved.subject).toBe('We will replace your appliance under warranty');
    expect(approved.text).toContain('repair RT-1) is not worth it: the same fault again');
  });
});
