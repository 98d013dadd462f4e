import { redactLinkTokens } from './link-redaction';

describe('redactLinkTokens', () => {
  it('hides the token of a signed link in the path and in the query, and nothing else', () => {
    expect(redactLinkTokens('/api/v1/appointment-links/eyJh.eyJz.sig/reschedule')).toBe(
      '/api/v1/appointment-links/[redacted]/reschedule',
    );
    expect(redactLinkTokens('/feedback?lang=en&token=eyJh.eyJz.sig')).toBe('/feedback?lang=en&token=[redacted]');
    expect(redactLinkTokens('/api/v1/work-orders/WO-1/slots')).toBe('/api/v1/work-orders/WO-1/slots');
  });
});
