import { z } from 'zod';

import {
  addressSchema,
  faultSchema,
  idString,
  isoDateTime,
  partSchema,
  prioritySchema,
  severitySchema,
  skillSchema,
  warrantySchema,
} from './common.schema';

export const diagnosticTestSchema = z.object({
  name: z.string().min(1).max(200),
  passed: z.boolean(),
  measurements: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});
export type DiagnosticTest = z.infer<typeof diagnosticTestSchema>;

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
  /** triage's severity at report time */
  severity: severitySchema.optional(),
});
export type ProblemReported = z.infer<typeof problemReportedSchema>;

export const diagnosisGuidanceSentSchema = z.object({
  ...caseRef,
  fault: faultSchema,
  steps: z.array(z.string().min(1)).min(1),
  /** the knowledge-base version the guidance came from */
  knowledgeBaseVersion: z.string().optional(),
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
  /** what the technician should know before going: symptoms, error code, why the visit */
  summary: z.string().max(1000).optional(),
  knowledgeBaseVersion: z.string().optional(),
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
  /** estimated repair time (repair-required) */
  durationMinutes: z.number().int().positive().optional(),
  /** the technician's tests on a visit */
  tests: z.array(diagnosticTestSchema).optional(),
});
export type DiagnosisCompleted = z.infer<typeof diagnosisCompletedSchema>;

/** The customer (or a dispatcher) cancelled the diagnostic visit; the case is closed without a diagnosis. */
export const diagnosisVisitCancelledSchema = z.object({
  ...caseRef,
  workOrderId: idString.optional(),
  technicianId: idString.optional(),
  cancelledBy: z.enum(['customer', 'dispatcher', 'admin']),
  reason: z.string().min(1),
  cancelledAt: isoDateTime,
});
export type DiagnosisVisitCancelled = z.infer<typeof diagnosisVisitCancelledSchema>;
