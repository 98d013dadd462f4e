import { loadServiceConfig, serviceInstanceName } from './service-config';

describe('the instance name', () => {
  it('names an instance `<service>#<n>` from SERVICE_INSTANCE, and none when it is unset', () => {
    expect(loadServiceConfig('dispatch', { SERVICE_INSTANCE: '2' }).instance).toBe('dispatch#2');
    expect(loadServiceConfig('dispatch', {}).instance).toBeUndefined();
    expect(serviceInstanceName('portal', '1')).toBe('portal#1');
    expect(() => loadServiceConfig('dispatch', { SERVICE_INSTANCE: 'b' })).toThrow(/SERVICE_INSTANCE/);
    expect(() => serviceInstanceName('dispatch', '0')).toThrow(/SERVICE_INSTANCE/);
  });
});
