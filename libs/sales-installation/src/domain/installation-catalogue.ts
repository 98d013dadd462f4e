import { z } from 'zod';

import { Priority, prioritySchema, skillSchema } from '@appliance-care/contracts';

import catalogueData from '../data/installation-catalogue.json';

export interface ChecklistItem {
  item: string;
  label: string;
}

/** What installing one category of appliance takes. */
export interface InstallationProfile {
  category: string;
  requiredSkill: string;
  durationMinutes: number;
  priority: Priority;
  checklist: ChecklistItem[];
}

const profileSchema = z.strictObject({
  requiredSkill: skillSchema,
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  priority: prioritySchema,
  checklist: z.array(z.strictObject({ item: z.string().min(1), label: z.string().min(1) })).min(1),
});

const catalogueSchema = z.object({
  default: profileSchema,
  categories: z.record(z.string().min(1), profileSchema),
});

type CatalogueData = z.infer<typeof catalogueSchema>;

/**
 * The category table (data, not code): required skill, duration, priority and checklist per
 * appliance category, with a default for categories nobody listed yet.
 */
export class InstallationCatalogue {
  private constructor(private readonly data: CatalogueData) {}

  /** Validates the data once at start-up: a broken catalogue must stop the service, not a purchase. */
  static from(data: unknown): InstallationCatalogue {
    const parsed = catalogueSchema.safeParse(data);
    if (!parsed.success) throw new Error(`invalid installation catalogue: ${parsed.error.message}`);
    return new InstallationCatalogue(parsed.data);
  }

  static load(): InstallationCatalogue {
    return InstallationCatalogue.from(catalogueData);
  }

  profileFor(category: string): InstallationProfile {
    const key = category.trim().toLowerCase();
    const profile = Object.prototype.hasOwnProperty.call(this.data.categories, key)
      ? this.data.categories[key]
      : this.data.default;
    return { category, ...profile, checklist: profile.checklist.map((c) => ({ ...c })) };
  }

  categories(): string[] {
    return Object.keys(this.data.categories);
  }
}
