import { z } from 'zod';

import { isoDateTime, partSchema, severitySchema, skillSchema } from '@appliance-care/contracts';
import { CASE_STATES } from '@appliance-care/diagnostics';

export const problemRequestSchema = z.strictObject({
  symptoms: z.string().trim().min(3, 'describe the problem in a few words').max(2000),
  errorCode: z.string().trim().min(1).max(32).optional(),
  startedAt: isoDateTime.optional(),
});

export const guidanceOutcomeSchema = z.strictObject({ fixed: z.boolean() });

/** measurement names become stored field names: no dots, no leading $ */
const measurementName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9 _-]{0,63}$/, 'letters, digits, space, _ or - (starting with a letter)');

export const resultsRequestSchema = z.strictObject({
  tests: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        passed: z.boolean(),
        measurements: z.record(measurementName, z.union([z.number(), z.string().max(200), z.boolean()])).optional(),
      }),
    )
    .min(1, 'record at least one test')
    .max(50),
  outcome: z.enum(['resolved', 'no-fault-found', 'repair-required']),
  confirmedFault: z
    .strictObject({
      faultId: z.string().min(1).max(100).optional(),
      code: z.string().min(1).max(32).optional(),
      component: z.string().min(1).max(100).optional(),
      description: z.string().min(1).max(500).optional(),
      excludedCause: z.enum(['misuse', 'external-damage']).optional(),
    })
    .optional(),
  requiredSkill: skillSchema.optional(),
  parts: z.array(partSchema).max(50).optional(),
  severity: severitySchema.optional(),
  notes: z.string().max(2000).optional(),
});

export const listQuerySchema = z.strictObject({
  customerId: z.string().min(1).max(128).optional(),
  technicianId: z.string().min(1).max(128).optional(),
  applianceId: z.string().min(1).max(128).optional(),
  state: z.enum(CASE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
