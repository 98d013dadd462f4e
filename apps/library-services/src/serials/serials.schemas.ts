import { z } from 'zod';

import {
  branchSchema,
  idString,
  librarySubscriptionStartedSchema,
  publicationPatternSchema,
  vendorSchema,
} from '@appliance-care/contracts';

/** POST /subscriptions: the subscription id makes a repeated request start nothing twice. */
export const startSubscriptionBody = z.strictObject({
  subscriptionId: idString.optional().describe('the subscription’s reference: a subscription is started once'),
  title: z.string().trim().min(1).max(500),
  issn: librarySubscriptionStartedSchema.shape.issn,
  branch: branchSchema,
  vendor: z.strictObject(vendorSchema.shape),
  pattern: z.strictObject(publicationPatternSchema.shape),
});
export type StartSubscriptionBody = z.infer<typeof startSubscriptionBody>;

export const startSubscriptionExample = {
  subscriptionId: 'SUB-NATURE-2027',
  title: 'Nature',
  issn: '0028-0836',
  branch: 'central',
  vendor: { vendorId: 'V-EBSCO', name: 'EBSCO', email: 'claims@ebsco.example' },
  pattern: { frequency: 'monthly', firstExpectedOn: '2027-01-15', issuesPerVolume: 12, graceDays: 14 },
};

const today = () => new Date().toISOString().slice(0, 10);

/** POST …/check-in: the day it arrived (default today, UTC), never a day still to come. */
export const checkInBody = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    receivedOn: z.iso
      .date()
      .refine((day) => day <= today(), 'must not be in the future')
      .optional()
      .describe('YYYY-MM-DD the issue arrived; today (UTC) when absent'),
  }),
);
export type CheckInBody = z.infer<typeof checkInBody>;

/** A volume or issue number in the path. */
export const issuePosition = z.coerce.number().int().min(1).max(100_000);

export const branchQuery = z.strictObject({ branch: branchSchema.optional().describe('only this branch') });

const issueStatusSchema = z.enum(['expected', 'received', 'late', 'claimed']);

export const issueViewSchema = z.object({
  volume: z.number().int(),
  number: z.number().int(),
  expectedOn: z.string().describe('YYYY-MM-DD the pattern predicts'),
  status: issueStatusSchema,
  claimCount: z.number().int().describe('claims sent to the vendor so far'),
  receivedOn: z.string().optional(),
  checkedInBy: z.string().optional(),
  lastClaimedAt: z.string().optional(),
});

export const subscriptionSummarySchema = z.object({
  subscriptionId: z.string(),
  title: z.string(),
  issn: z.string().optional(),
  branch: z.string(),
  vendor: vendorSchema,
  pattern: publicationPatternSchema,
  startedAt: z.string(),
  completedVolumes: z.array(z.number().int()).describe('volumes whose every issue is in (queued for binding)'),
});
export const subscriptionListSchema = z.object({ subscriptions: z.array(subscriptionSummarySchema) });
export const subscriptionDetailSchema = subscriptionSummarySchema.extend({
  issues: z.array(issueViewSchema).describe('the run through the current volume, in order'),
});
export const startedSubscriptionSchema = subscriptionDetailSchema.extend({
  started: z.boolean().describe('false: this subscription was started before (same terms)'),
});

export const checkedInSchema = z.object({
  subscriptionId: z.string(),
  issue: issueViewSchema,
  wasClaimed: z.boolean(),
  completedVolume: z.number().int().optional().describe('the volume this issue completed (queued for binding)'),
});

export const lateIssueSchema = issueViewSchema.extend({
  subscriptionId: z.string(),
  title: z.string(),
  branch: z.string(),
  vendor: vendorSchema,
  graceDays: z.number().int(),
});
export const lateListSchema = z.object({ issues: z.array(lateIssueSchema) });
