import { resourceOf } from './telemetry';

describe('the trace resource', () => {
  it('names the instance when several run, as its logs and Kafka client do', () => {
    expect(resourceOf('dispatch', { SERVICE_INSTANCE: '2' })).toEqual({
      'service.name': 'dispatch',
      'service.instance.id': 'dispatch#2',
    });
    expect(resourceOf('dispatch', { OTEL_SERVICE_NAME: 'dispatch-eu' })).toEqual({ 'service.name': 'dispatch-eu' });
  });
});
