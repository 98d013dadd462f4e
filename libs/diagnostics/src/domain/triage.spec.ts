import { shippedKnowledgeBase } from '../knowledge-base';
import { KnowledgeBase } from './knowledge-base';
import { toFault, triage } from './triage';

const kb = shippedKnowledgeBase();
const run = (category: string, input: { errorCode?: string; symptoms?: string }) =>
  triage(kb.forCategory(category), { category, ...input });

describe('triage on the shipped knowledge base', () => {
  it('ranks the blocked drain filter first for a washing machine E21 and offers guidance', () => {
    const result = run('washing-machine', { errorCode: 'e21', symptoms: 'Water left in drum after the wash' });
    expect(result.candidates.map((c) => c.fault.id).slice(0, 2)).toEqual([
      'wm-drain-filter-blocked',
      'wm-drain-pump-failed',
    ]);
    expect(result.route).toBe('guidance');
    expect(result.severity).toBe('low');
    expect(result.top.matchedCode).toBe('E21');
    expect(result.top.matchedKeywords).toEqual(['water left in drum']);
    expect(result.explanation).toContain('error code E21');
    expect(result.explanation).toContain('likelihood 0.6');
    expect(result.knowledgeBaseVersion).toBe('washing-machine@2026.1.0+*@2026.1.0');
  });

  it('sends a technician when the most likely fault is not customer-fixable, with its skill and duration', () => {
    const result = run('fridge-freezer', { symptoms: "The freezer is cold but the fridge is warm, it's not cooling" });
    expect(result.top.fault.id).toBe('rf-evaporator-fan-failed');
    expect(result.route).toBe('visit');
    expect(result.severity).toBe('high');
    expect(result.requiredSkill).toBe('refrigeration');
    expect(result.durationMinutes).toBe(75);
  });

  it('treats a gas smell on a gas hob as critical: gas-safe visit, never guidance, even beside a fixable symptom', () => {
    const result = run('gas-hob', {
      symptoms: "Burner won't light, keeps clicking and I can smell gas in the kitchen",
    });
    expect(result.top.fault.id).toBe('oh-gas-leak');
    expect(result.severity).toBe('critical');
    expect(result.route).toBe('visit');
    expect(result.requiredSkill).toBe('gas-safe');
    expect(result.candidates.map((c) => c.fault.id)).toContain('oh-burner-ignition-dirty');
    expect(result.explanation).toContain('critical safety risk');
  });

  it('treats a burning electrical smell as critical on any category', () => {
    const result = run('dishwasher', { symptoms: 'There is a burning smell and smoke coming from the door panel' });
    expect(result.top.fault.id).toBe('any-electrical-burning');
    expect(result.severity).toBe('critical');
    expect(result.requiredSkill).toBe('electrician');
    expect(result.route).toBe('visit');
  });

  it('recognises a boiler code and routes low pressure to guidance', () => {
    const result = run('combi-boiler', { errorCode: 'F22' });
    expect(result.top.fault.id).toBe('bl-low-pressure');
    expect(result.route).toBe('guidance');
    expect(result.top.fault.guidance?.[1]).toContain('filling loop');
  });

  it('covers heat pumps through the air-conditioner knowledge', () => {
    const result = run('heat-pump', { errorCode: 'E5', symptoms: 'ice on pipes and not heating' });
    expect(result.top.fault.id).toBe('ac-refrigerant-low');
    expect(result.requiredSkill).toBe('hvac');
    expect(result.top.fault.parts.map((p) => p.sku)).toContain('AC-R32-CHG');
  });

  it('carries the excluded cause of a fault outside the warranty', () => {
    const result = run('oven', { symptoms: 'I dropped a pan and the glass cracked on the hob' });
    expect(result.top.fault.id).toBe('oh-glass-top-cracked');
    expect(toFault(result.top.fault)).toEqual({
      component: 'ceramic glass top',
      description: expect.stringContaining('cracked'),
      excludedCause: 'external-damage',
    });
  });

  it('falls back to a generic visit with the category default skill when nothing matches', () => {
    const result = run('boiler', { errorCode: 'Z99', symptoms: 'odd' });
    expect(result.top.fault.id).toBe('unrecognised');
    expect(result.route).toBe('visit');
    expect(result.severity).toBe('medium');
    expect(result.requiredSkill).toBe('gas-safe');
    expect(result.top.fault.description).toContain('Z99');
  });

  it('ranks by likelihood × evidence: more matched evidence beats a higher prior', () => {
    const custom = new KnowledgeBase([
      {
        category: 'toaster',
        aliases: [],
        version: '1',
        defaultSkill: 'appliance-general',
        faults: [
          {
            id: 'a',
            component: 'a',
            description: 'a',
            errorCodes: [],
            keywords: ['cold'],
            likelihood: 0.5,
            severity: 'low',
            requiredSkill: 's',
            durationMinutes: 30,
            parts: [],
          },
          {
            id: 'b',
            component: 'b',
            description: 'b',
            errorCodes: ['T1'],
            keywords: ['cold'],
            likelihood: 0.3,
            severity: 'medium',
            requiredSkill: 's',
            durationMinutes: 30,
            parts: [],
          },
        ],
      },
    ]);
    const result = triage(custom.forCategory('toaster'), {
      category: 'toaster',
      errorCode: 't1',
      symptoms: 'toast stays cold',
    });
    expect(result.candidates.map((c) => [c.fault.id, c.score])).toEqual([
      ['b', 0.9],
      ['a', 0.5],
    ]);
  });
});
