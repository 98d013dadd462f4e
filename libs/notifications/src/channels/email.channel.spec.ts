import { classifySmtpError } from './email.channel';

describe('classifySmtpError', () => {
  it.each([
    [{ responseCode: 550, code: 'EENVELOPE', message: 'mailbox unavailable' }, true],
    [{ responseCode: 554, code: 'EMESSAGE', message: 'rejected' }, true],
    [{ responseCode: 451, code: 'EENVELOPE', message: 'greylisted, try again later' }, false],
    [{ responseCode: 421, code: 'EPROTOCOL', message: 'service not available' }, false],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, false],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, true],
  ])('%j → permanent %s', (err, permanent) => {
    expect(classifySmtpError(err).permanent).toBe(permanent);
  });
});
