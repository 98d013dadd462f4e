import { KNOWLEDGE_BASE_FILES, shippedKnowledgeBase } from '../knowledge-base';
import { KnowledgeBase } from './knowledge-base';

describe('knowledge base data', () => {
  const kb = shippedKnowledgeBase();

  it('ships versioned entries for the six required appliance families', () => {
    for (const category of [
      'washing-machine',
      'dishwasher',
      'refrigerator',
      'oven',
      'gas-hob',
      'air-conditioner',
      'heat-pump',
      'boiler',
      'water-heater',
    ]) {
      expect(kb.knows(category)).toBe(true);
      expect(kb.forCategory(category).version).toMatch(/@\d+\.\d+\.\d+/);
    }
    for (const file of KNOWLEDGE_BASE_FILES as { faults: unknown[] }[])
      expect(file.faults.length).toBeGreaterThanOrEqual(3);
  });

  it('has unique fault ids and only customer-safe guidance', () => {
    const all = (KNOWLEDGE_BASE_FILES as { faults: { id: string; severity: string; guidance?: string[] }[] }[]).flatMap(
      (f) => f.faults,
    );
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    expect(all.filter((f) => f.severity === 'critical' && f.guidance)).toEqual([]);
    expect(all.filter((f) => f.severity === 'critical').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses invalid data: critical guidance, unknown severity, duplicate categories', () => {
    const fault = {
      id: 'x',
      component: 'c',
      description: 'd',
      errorCodes: [],
      keywords: ['k'],
      likelihood: 0.5,
      severity: 'critical',
      requiredSkill: 's',
      durationMinutes: 30,
      parts: [],
    };
    const file = (over: object) => ({
      category: 'c',
      aliases: [],
      version: '1',
      defaultSkill: 's',
      faults: [{ ...fault, ...over }],
    });
    expect(() => new KnowledgeBase([file({ guidance: ['touch the gas pipe'] })])).toThrow(
      'a critical fault never gets remote guidance',
    );
    expect(() => new KnowledgeBase([file({ severity: 'apocalyptic' })])).toThrow('invalid');
    expect(() => new KnowledgeBase([file({}), file({})])).toThrow('defined twice');
  });
});
