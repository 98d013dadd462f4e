import { z } from 'zod';

import { workOrderKindSchema } from '@appliance-care/contracts';

import { applianceDescriptionSchema } from '../domain/timeline-entry';

/** GET /feedback-links/{token}: what the survey is about. */
export const feedbackSurveySchema = z.object({
  kind: workOrderKindSchema,
  sourceId: z.string().describe('the installation, case or ticket'),
  workOrderId: z.string(),
  appliance: applianceDescriptionSchema
    .pick({ category: true, brand: true, model: true, serialNumber: true })
    .optional(),
  technician: z.object({ id: z.string(), name: z.string().optional() }),
  when: z.string().describe('when the job was done (else the booked visit)'),
  expiresAt: z.string().describe('the link is good until then'),
  answerAt: z.string().describe('where to post the answer: POST {token, rating, comment?, fixedFirstTime}'),
});
export type FeedbackSurvey = z.infer<typeof feedbackSurveySchema>;

/** POST /feedback: the feedback as stored. */
export const feedbackGivenViewSchema = z.object({
  feedbackId: z.string(),
  kind: workOrderKindSchema,
  sourceId: z.string(),
  workOrderId: z.string(),
  technicianId: z.string(),
  rating: z.number().int(),
  comment: z.string().optional(),
  fixedFirstTime: z.boolean(),
  givenAt: z.string(),
});
export type FeedbackGivenView = z.infer<typeof feedbackGivenViewSchema>;
