import { z } from 'zod';

import { partSchema, severitySchema, skillSchema } from '@appliance-care/contracts';

/** One candidate fault of the knowledge base: how to recognise it and what it takes to fix. */
const knowledgeFaultSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  component: z.string().min(1).max(100),
  description: z.string().min(1).max(500),
  errorCodes: z.array(z.string().min(1)),
  keywords: z.array(z.string().min(1)),
  /** prior probability that this fault explains matching evidence, 0..1 */
  likelihood: z.number().gt(0).max(1),
  severity: severitySchema,
  requiredSkill: skillSchema,
  durationMinutes: z.number().int().positive(),
  parts: z.array(partSchema),
  /** present when the customer can fix it remotely */
  guidance: z.array(z.string().min(1)).min(1).optional(),
  excludedCause: z.enum(['misuse', 'external-damage']).optional(),
});
export type KnowledgeFault = z.infer<typeof knowledgeFaultSchema>;

const knowledgeBaseFileSchema = z
  .strictObject({
    /** '*' applies to every category (safety rules) */
    category: z.string().min(1),
    aliases: z.array(z.string().min(1)),
    version: z.string().min(1),
    defaultSkill: skillSchema,
    faults: z.array(knowledgeFaultSchema).min(1),
  })
  .refine((f) => f.faults.every((fault) => fault.severity !== 'critical' || fault.guidance === undefined), {
    message: 'a critical fault never gets remote guidance',
    path: ['faults'],
  });
type KnowledgeBaseFile = z.infer<typeof knowledgeBaseFileSchema>;

/** What triage consults for one appliance category: its own faults plus the cross-category safety rules. */
export const categoryKnowledgeSchema = z.object({
  category: z.string(),
  version: z.string().describe('e.g. washing-machine@2026.1.0+*@2026.1.0: which data a decision is made on'),
  defaultSkill: z.string(),
  faults: z.array(knowledgeFaultSchema),
});
export type CategoryKnowledge = z.infer<typeof categoryKnowledgeSchema>;

const normaliseCategory = (c: string): string => c.trim().toLowerCase();

/** The knowledge base: versioned data files, validated once when loaded. */
export class KnowledgeBase {
  private readonly byCategory = new Map<string, KnowledgeBaseFile>();
  private readonly common: KnowledgeBaseFile[] = [];

  constructor(files: readonly unknown[]) {
    for (const [i, raw] of files.entries()) {
      const parsed = knowledgeBaseFileSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`knowledge base file #${i} is invalid: ${parsed.error.message}`);
      const file = parsed.data;
      if (file.category === '*') {
        this.common.push(file);
        continue;
      }
      for (const name of [file.category, ...file.aliases].map(normaliseCategory)) {
        if (this.byCategory.has(name)) throw new Error(`knowledge base category ${name} is defined twice`);
        this.byCategory.set(name, file);
      }
    }
  }

  categories(): string[] {
    return [...this.byCategory.keys()].sort();
  }

  knows(category: string): boolean {
    return this.byCategory.has(normaliseCategory(category));
  }

  forCategory(category: string): CategoryKnowledge {
    const own = this.byCategory.get(normaliseCategory(category));
    const files = own ? [own, ...this.common] : this.common;
    return {
      category,
      version: files.map((f) => `${f.category}@${f.version}`).join('+') || 'none',
      defaultSkill: own?.defaultSkill ?? 'appliance-general',
      faults: files.flatMap((f) => f.faults),
    };
  }

  /** A fault by its id, within the category's knowledge. */
  fault(category: string, id: string): KnowledgeFault | undefined {
    return this.forCategory(category).faults.find((f) => f.id === id);
  }
}
