import { z } from 'zod';
import {
  addressSchema, faultSchema, idString, isoDateTime, partSchema, prioritySchema, severitySchema, skillSchema,
  warrantySchema,
} from './common.schema';

const caseRef = { caseId: idString, applianceId: idString, customerId: idString };

export const problemReportedSchema = z.object({
  ...caseRef,
  serialNumber: z.string().optional(),
  category: z.string().min(1),
  source: z.enum(['customer', 'device']),
  symptoms: z.string().optional(),
  errorCode: z.string().optional(),
  startedAt: isoDateTime.optional(),
  reportedAt: isoDateTime,
  warranty: warrantySchema,
});
export type ProblemReported = z.infer<typeof problemReportedSchema>;

export const diagnosisGuidanceSentSchema = z.object({
  ...caseRef,
  fault: faultSchema,
  steps: z.array(z.string().min(1)).min(1),
});
export type DiagnosisGuidanceSent = z.infer<typeof diagnosisGuidanceSentSchema>;

export const diagnosisVisitRequestedSchema = z.object({
  ...caseRef,
  category: z.string().min(1),
  requiredSkill: skillSchema,
  region: z.string().min(1),
  address: addressSchema.optional(),
  durationMinutes: z.number().int().positive(),
  priority: prioritySchema,
  severity: severitySchema,
  dueBy: isoDateTime,
  suspectedFaults: z.array(faultSchema),
});
export type DiagnosisVisitRequested = z.infer<typeof diagnosisVisitRequestedSchema>;

export const diagnosisCompletedSchema = z.object({
  ...caseRef,
  technicianId: idString.optional(),
  outcome: z.enum(['resolved', 'no-fault-found', 'repair-required']),
  category: z.string().min(1),
  region: z.string().optional(),
  address: addressSchema.optional(),
  faults: z.array(faultSchema),
  requiredSkill: skillSchema.optional(),
  parts: z.array(partSchema),
  severity: severitySchema,
  reportedAt: isoDateTime,
  warranty: warrantySchema,
  completedAt: isoDateTime,
});
export type DiagnosisCompleted = z.infer<typeof diagnosisCompletedSchema>;
