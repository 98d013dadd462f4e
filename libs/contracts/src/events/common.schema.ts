import { z } from 'zod';

export const isoDateTime = z.iso.datetime({ offset: true });

export const idString = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must contain only letters, digits and . _ : -');

export const timeWindowSchema = z
  .object({ from: isoDateTime, to: isoDateTime })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: 'from must be before to', path: ['to'] });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

export const addressSchema = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().length(2),
  region: z.string().min(1).max(64),
});
export type Address = z.infer<typeof addressSchema>;

export const skillSchema = z.string().min(1).max(64);
export const prioritySchema = z.enum(['normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;
export const severitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const partSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(100),
});
export type Part = z.infer<typeof partSchema>;

export const faultSchema = z.object({
  code: z.string().max(64).optional(),
  component: z.string().min(1).max(100),
  description: z.string().min(1).max(500),
  /** set when the knowledge base marks the cause as outside warranty (misuse, external damage) */
  excludedCause: z.enum(['misuse', 'external-damage']).optional(),
});
export type Fault = z.infer<typeof faultSchema>;

export const warrantySchema = z.object({
  status: z.enum(['in-warranty', 'out-of-warranty']),
  endsAt: isoDateTime,
});
export type WarrantyStatus = z.infer<typeof warrantySchema>;
