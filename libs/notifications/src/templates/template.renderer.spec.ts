import { TEMPLATE_NAMES } from './template-names';
import { templateContext, TemplateRenderer } from './template.renderer';
import { DE } from './templates.de';
import { EN } from './templates.en';

const opts = (locale: string) => ({ locale, timeZone: 'Europe/Berlin' });
const registered = templateContext(
  {
    brand: 'Acme',
    model: 'WM8',
    category: 'washing-machine',
    serialNumber: 'ACM-1',
    warrantyEndsAt: '2028-11-28T10:15:00Z',
  },
  'Ada <Lovelace>',
);

describe('template renderer', () => {
  const renderer = new TemplateRenderer();

  it('renders English text, HTML and SMS with the event data', () => {
    const m = renderer.render('appliance-registered', registered, opts('en-GB'));
    expect(m.subject).toBe('Your Acme WM8 is registered');
    expect(m.text).toContain('Hello Ada <Lovelace>');
    expect(m.text).toContain('28 Nov 2028');
    expect(m.html).toContain('Hello Ada &lt;Lovelace&gt;');
    expect(m.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(m.sms).toContain('warranty until 28 Nov 2028');
    expect(m.fallbackParts).toEqual([]);
  });

  it('renders German for a de locale', () => {
    const m = renderer.render('appliance-registered', registered, opts('de-DE'));
    expect(m.subject).toBe('Ihr Acme WM8 ist registriert');
    expect(m.text).toContain('28.11.2028');
    expect(m.language).toBe('de');
    expect(m.fallbackParts).toEqual([]);
  });

  it('falls back to English part by part where a translation is missing', () => {
    const partial = renderer.render('repair-completed', { workDone: 'pump replaced', name: 'Marie' }, opts('fr-FR'));
    expect(partial.subject).toBe('Votre appareil est réparé');
    expect(partial.text).toContain('la réparation est terminée : pump replaced');
    expect(partial.sms).toBe('Your appliance is repaired.');
    expect(partial.fallbackParts).toEqual(['html', 'sms']);
    const missing = renderer.render(
      'sla-breach-apology',
      { ticketId: 'R-9', slaDueAt: '2026-12-01T08:00:00Z', name: 'Marie' },
      opts('fr-FR'),
    );
    expect(missing.language).toBe('en');
    expect(missing.subject).toBe('We are sorry: your repair is late');
    const unknown = renderer.render('repair-completed', { workDone: 'x', name: 'Jo' }, opts('xx'));
    expect(unknown.subject).toBe('Your appliance is repaired');
  });

  it('never sends a blank message: a translation that renders empty is replaced by English', () => {
    const broken = new TemplateRenderer({
      en: EN,
      de: { 'repair-completed': { subject: '  ', text: '{{#if nothing}}x{{/if}}' } },
    });
    const m = broken.render('repair-completed', { workDone: 'done', name: 'Jo' }, opts('de-DE'));
    expect(m.subject).toBe('Your appliance is repaired');
    expect(m.text).toContain('the repair is complete: done');
    expect(m.fallbackParts).toEqual(['subject', 'text', 'html', 'sms']);
  });

  it('has every template complete in English and German', () => {
    for (const name of TEMPLATE_NAMES) {
      for (const set of [EN, DE]) {
        for (const part of ['subject', 'text', 'html', 'sms'] as const) expect(set[name]?.[part]?.trim()).toBeTruthy();
      }
    }
  });

  it('renders every template without blanks from realistic data', () => {
    const data = {
      name: 'Ada',
      window: { from: '2026-12-01T08:00:00Z', to: '2026-12-01T12:00:00Z' },
      technicianName: 'Grace',
      caseId: 'CASE-1',
      category: 'washing-machine',
      outcome: 'repair-required',
      faults: [{ component: 'pump', description: 'drain pump blocked' }],
      ticketId: 'R-1',
      coverage: {
        status: 'billable',
        reason: 'misuse',
        estimate: { currency: 'EUR', parts: 10, labour: 20, callOut: 5, total: 35 },
      },
      slaDueAt: '2026-12-02T08:00:00Z',
      eta: '2026-12-01T09:30:00Z',
      parts: [{ sku: 'P1', name: 'Pump', quantity: 1 }],
      expectedAt: '2026-12-03T08:00:00Z',
      workDone: 'pump replaced',
      reason: 'reassigned',
      kind: 'repair',
      workOrderId: 'WO-1',
      applianceId: 'A-1',
      cancelledBy: 'customer',
      steps: ['Unplug it', 'Clean the filter'],
      fault: { description: 'filter blocked' },
      completedAt: '2026-12-01T11:00:00Z',
      warrantyEndsAt: '2028-12-01T00:00:00Z',
      serialNumber: 'S-1',
      brandModel: 'Acme WM8',
      planName: 'Annual gas-safety service',
      dueAt: '2027-12-01T09:00:00Z',
      nextDueAt: '2028-12-01T11:00:00Z',
      region: 'london',
      customerId: 'C-1',
      // the library's
      title: 'The Rings of Saturn',
      branch: 'central',
      callNumber: '833.914 SEB',
      holdId: 'H-1',
      day: '2026-12-02',
      lateSerials: [{ title: 'Nature', volume: 3, number: 2, expectedOn: '2026-11-20', claimCount: 1 }],
      approvals: [{ title: 'Atlas', barcode: 'BC-1', submittedBy: 'Grace', submittedAt: '2026-12-01T10:00:00Z' }],
      address: { line1: '12 St James', city: 'London', postalCode: 'SW1Y', country: 'GB', region: 'london' },
    };
    for (const name of TEMPLATE_NAMES) {
      for (const locale of ['en-GB', 'de-DE']) {
        const m = renderer.render(name, data, opts(locale));
        expect(m.fallbackParts).toEqual([]);
        expect(m.subject).not.toMatch(/\{\{|undefined/);
        expect(m.text).not.toMatch(/\{\{|undefined/);
        expect(m.sms.length).toBeGreaterThan(5);
      }
    }
    const billable = renderer.render('repair-ticket-opened', data, opts('de-DE'));
    expect(billable.text).toContain('35,00');
    expect(renderer.render('guidance-sent', data, opts('en-GB')).text).toContain('1. Unplug it\n2. Clean the filter');
  });
});
