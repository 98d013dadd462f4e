import { z } from 'zod';

import { idString, isoDateTime } from './common.schema';
import { workOrderKindSchema } from './dispatch.events';

/** A customer answered the survey after a job (the signed link in the completion mail); once per job. */
export const customerFeedbackGivenSchema = z.object({
  feedbackId: idString,
  workOrderId: idString,
  kind: workOrderKindSchema,
  /** the installation, case or ticket the job served */
  sourceId: idString,
  applianceId: idString,
  customerId: idString,
  technicianId: idString,
  region: z.string().min(1).optional(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000).optional(),
  fixedFirstTime: z.boolean(),
  givenAt: isoDateTime,
});
export type CustomerFeedbackGiven = z.infer<typeof customerFeedbackGivenSchema>;
