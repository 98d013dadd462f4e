import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseDuration } from './duration';
import { buildRepairsPolicy, loadRepairsPolicy } from './repairs-policy.config';

describe('repairs policy configuration', () => {
  it('defaults to 4 h / 24 h / 72 h / 5 d, pausing while awaiting parts, prices in GBP', () => {
    const p = loadRepairsPolicy({});
    expect(p.sla.dueMs).toEqual({ critical: 4 * 3600e3, high: 24 * 3600e3, medium: 72 * 3600e3, low: 5 * 86400e3 });
    expect(p.sla.pauseWhileAwaitingParts).toBe(true);
    expect(p.sla.warningShare).toBe(0.75);
    expect(p.priceList.currency).toBe('GBP');
  });

  it('applies a JSON file, then inline JSON, then single variables, each changing only what it names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repairs-policy-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ sla: { due: { low: '7d' } }, priceList: { callOutFee: 80 } }));
    const p = loadRepairsPolicy({
      REPAIRS_POLICY_FILE: file,
      REPAIRS_POLICY_JSON: JSON.stringify({ sla: { due: { critical: '2s' } } }),
      REPAIRS_SLA_SCAN_MS: '250',
      REPAIRS_SLA_PAUSE_ON_PARTS: 'false',
      REPAIRS_SLA_WARNING_SHARE: '0.9',
    });
    expect(p.sla.dueMs.low).toBe(7 * 86400e3);
    expect(p.sla.dueMs.critical).toBe(2000);
    expect(p.sla.dueMs.high).toBe(24 * 3600e3);
    expect(p.priceList.callOutFee).toBe(80);
    expect(p.priceList.labourRatePerHour.default).toBe(55);
    expect(p.sla.scanIntervalMs).toBe(250);
    expect(p.sla.pauseWhileAwaitingParts).toBe(false);
    expect(p.sla.warningShare).toBe(0.9);
  });

  it('refuses an invalid policy naming the setting', () => {
    expect(() => buildRepairsPolicy({ sla: { due: { high: 'soon' } } })).toThrow(/sla\.due\.high/);
    expect(() => buildRepairsPolicy({ priceList: { callOutFee: -1 } })).toThrow(/priceList\.callOutFee/);
    expect(() => loadRepairsPolicy({ REPAIRS_POLICY_JSON: '{oops' })).toThrow(/REPAIRS_POLICY_JSON is not valid JSON/);
    expect(() => loadRepairsPolicy({ REPAIRS_SLA_WARNING_SHARE: '1.5' })).toThrow(/sla\.warningShare/);
    expect(() => loadRepairsPolicy({ REPAIRS_SLA_WARNING_SHARE: 'most' })).toThrow(/sla\.warningShare/);
  });

  it('parses durations', () => {
    expect([
      parseDuration('500ms'),
      parseDuration('2s'),
      parseDuration('30m'),
      parseDuration('1.5h'),
      parseDuration('5d'),
    ]).toEqual([500, 2000, 1_800_000, 5_400_000, 432_000_000]);
    expect(() => parseDuration('0s')).toThrow();
    expect(() => parseDuration('4 hours')).toThrow();
  });
});
