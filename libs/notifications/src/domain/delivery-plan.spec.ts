import { planDeliveries, PlanInput } from './delivery-plan';
import { notificationId } from './notification-id';
import { defaultPreferences, Recipient } from './recipient';
import { nextRetry } from './retry.policy';

const rendered = { language: 'en', subject: 'S', text: 'T', html: '<p>T</p>', sms: 'M' };
const recipient = (
  over: Partial<Recipient['preferences']> = {},
  contacts: Partial<NonNullable<Recipient['contacts']>> = {},
): Recipient => ({
  id: 'C-1',
  contacts: {
    kind: 'customer',
    name: 'Ada',
    email: 'ada@example.org',
    phone: '+441632960961',
    locale: 'en-GB',
    ...contacts,
  },
  preferences: { ...defaultPreferences(), ...over },
});
const input = (r: Recipient, over: Partial<PlanInput> = {}): PlanInput => ({
  source: { id: 'evt-1', type: 'repair.completed.v1', correlationId: 'corr', applianceId: 'A-1' },
  recipient: r,
  template: 'repair-completed',
  urgency: 'normal',
  rendered,
  now: new Date('2026-01-15T23:10:00Z'),
  smsAvailable: true,
  ...over,
});

describe('delivery plan', () => {
  it('plans one notification per reachable channel with the once-key as id', () => {
    const r = recipient({ webhook: { url: 'https://hooks.example.org/x', secret: 's'.repeat(20) } });
    const plan = planDeliveries(input(r));
    expect(plan.map((d) => [d.channel, d.status])).toEqual([
      ['email', 'pending'],
      ['sms', 'pending'],
      ['webhook', 'pending'],
      ['in-app', 'sent'],
    ]);
    expect(plan[0]._id).toBe(notificationId('evt-1', 'C-1', 'email'));
    expect(plan[0].content).toEqual({ subject: 'S', text: 'T', html: '<p>T</p>' });
    expect(plan[1]).toMatchObject({ destination: '+441632960961', content: { text: 'M' } });
    expect(JSON.stringify(plan)).not.toContain('s'.repeat(20));
  });

  it('is deterministic: the same event plans the same ids (redelivery finds them)', () => {
    const a = planDeliveries(input(recipient())).map((d) => d._id);
    const b = planDeliveries(input(recipient())).map((d) => d._id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  it('records a switched-off channel as suppressed and skips channels without a contact', () => {
    const plan = planDeliveries(
      input(recipient({ channels: { email: false, sms: true, webhook: true, 'in-app': true } }, { phone: undefined })),
    );
    expect(plan.map((d) => [d.channel, d.status])).toEqual([
      ['email', 'suppressed'],
      ['in-app', 'sent'],
    ]);
    expect(planDeliveries(input(recipient(), { smsAvailable: false })).map((d) => d.channel)).toEqual([
      'email',
      'in-app',
    ]);
  });

  it('delays a non-urgent SMS in quiet hours, not an urgent one', () => {
    const quiet = { quietHours: { from: '22:00', to: '07:00', timezone: 'Europe/London' } };
    const sms = planDeliveries(input(recipient(quiet))).find((d) => d.channel === 'sms');
    expect(sms).toMatchObject({ status: 'delayed', dueAt: new Date('2026-01-16T07:00:00Z') });
    const urgent = planDeliveries(input(recipient(quiet), { urgency: 'urgent' })).find((d) => d.channel === 'sms');
    expect(urgent?.status).toBe('pending');
  });
});

describe('retry policy', () => {
  const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };
  const now = new Date(0);
  it('backs off exponentially up to a cap, then gives up', () => {
    const at = (n: number) => {
      const d = nextRetry(n, policy, now, () => 0.5);
      return d.retry ? d.at.getTime() : undefined;
    };
    expect([1, 2, 3, 4].map(at)).toEqual([1000, 2000, 4000, 8000]);
    expect(nextRetry(5, policy, now)).toEqual({ retry: false });
    expect(at(1)).toBeGreaterThan(0);
  });
});
