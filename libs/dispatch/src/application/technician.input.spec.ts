import { readFileSync } from 'node:fs';
import path from 'node:path';

import { LIBRARY_TASK_SKILL } from '@appliance-care/contracts';

import { registerTechnicianInput, seedFileInput } from './technician.input';

const seed = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../data', file), 'utf8'));
const base = { name: 'Ada', email: 'ada@library.example', skills: ['cataloguing'], workingHours: {} };

describe('technician input: library technicians', () => {
  it('the library seed parses: library technicians at central and riverside with library skills only', () => {
    const technicians = seedFileInput.parse(seed('library-technicians.seed.json'));
    const librarySkills = new Set(Object.values(LIBRARY_TASK_SKILL));
    expect(technicians.map((t) => `${t.technicianId}@${t.branch}`)).toEqual([
      'LT-CEN-001@central',
      'LT-CEN-002@central',
      'LT-RIV-001@riverside',
    ]);
    for (const technician of technicians) {
      expect(technician.skills.every((skill) => librarySkills.has(skill))).toBe(true);
      expect(Object.keys(technician.workingHours).length).toBeGreaterThan(0);
    }
  });

  it('the appliance seed has no branch (its technicians never get queue items)', () => {
    expect(seedFileInput.parse(seed('technicians.seed.json')).filter((t) => t.branch)).toEqual([]);
  });

  it('a branch stands for the home region; without either the input names homeRegion; a branch is a lower-case code', () => {
    expect(registerTechnicianInput.safeParse({ ...base, branch: 'central' }).success).toBe(true);
    const nowhere = registerTechnicianInput.safeParse(base);
    expect(nowhere.success).toBe(false);
    expect(nowhere.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['homeRegion']);
    const bad = registerTechnicianInput.safeParse({ ...base, branch: 'Central Library' });
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['branch']);
  });
});
