import { InstallationCatalogue } from './installation-catalogue';

describe('installation catalogue (data/installation-catalogue.json)', () => {
  const catalogue = InstallationCatalogue.load();

  it.each([
    ['gas-hob', 'gas-safe'],
    ['boiler', 'gas-safe'],
    ['air-conditioner', 'hvac'],
    ['heat-pump', 'hvac'],
    ['built-in-oven', 'electrician'],
    ['hard-wired-oven', 'electrician'],
    ['water-heater', 'electrician'],
    ['washing-machine', 'appliance-general'],
    ['dishwasher', 'appliance-general'],
    ['refrigerator', 'appliance-general'],
    ['built-in-refrigerator', 'refrigeration'],
  ])('%s needs a %s technician', (category, skill) => {
    expect(catalogue.profileFor(category).requiredSkill).toBe(skill);
  });

  it('matches categories regardless of case and spaces around them', () => {
    expect(catalogue.profileFor(' Gas-Hob ').requiredSkill).toBe('gas-safe');
  });

  it('falls back to the default for an unlisted category, keeping the category name', () => {
    const profile = catalogue.profileFor('wine-cooler');
    expect(profile).toMatchObject({
      category: 'wine-cooler',
      requiredSkill: 'appliance-general',
      durationMinutes: 90,
      priority: 'normal',
    });
    expect(profile.checklist.length).toBeGreaterThan(0);
  });

  it('gives every category a duration and a checklist with distinct items', () => {
    for (const category of catalogue.categories()) {
      const profile = catalogue.profileFor(category);
      expect(profile.durationMinutes).toBeGreaterThan(0);
      const items = profile.checklist.map((c) => c.item);
      expect(new Set(items).size).toBe(items.length);
    }
  });

  it('refuses a broken catalogue at load time', () => {
    expect(() =>
      InstallationCatalogue.from({
        default: { requiredSkill: 'x', durationMinutes: 0, priority: 'normal', checklist: [] },
        categories: {},
      }),
    ).toThrow(/invalid installation catalogue/);
  });

  it('hands out copies, so a caller cannot alter the table', () => {
    catalogue.profileFor('gas-hob').checklist.pop();
    expect(catalogue.profileFor('gas-hob').checklist).toHaveLength(4);
  });
});
