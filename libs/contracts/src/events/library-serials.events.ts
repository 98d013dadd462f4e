import { z } from 'zod';

import { idString, isoDateTime } from './common.schema';
import { branchSchema } from './library-common.schema';

// ---- serials (keyed by subscriptionId) ----

/** How often issues come: Koha-style prediction from a first expected date and a frequency. */
export const publicationPatternSchema = z.object({
  frequency: z.enum(['weekly', 'monthly', 'bimonthly', 'quarterly', 'annual']),
  /** YYYY-MM-DD on which issue 1 of the first volume is expected */
  firstExpectedOn: z.iso.date(),
  issuesPerVolume: z.number().int().min(1).max(60),
  /** days after its expected date before a missing issue is claimed */
  graceDays: z.number().int().min(0).max(120),
});
export type PublicationPattern = z.infer<typeof publicationPatternSchema>;

export const vendorSchema = z.object({ vendorId: idString, name: z.string().min(1).max(200), email: z.email() });
export type Vendor = z.infer<typeof vendorSchema>;

const issueRef = {
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  volume: z.number().int().min(1),
  number: z.number().int().min(1),
  /** YYYY-MM-DD the pattern predicted */
  expectedOn: z.iso.date(),
};

export const librarySubscriptionStartedSchema = z.object({
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  issn: z
    .string()
    .regex(/^\d{4}-\d{3}[\dX]$/, 'must be an ISSN (1234-567X)')
    .optional(),
  branch: branchSchema,
  vendor: vendorSchema,
  pattern: publicationPatternSchema,
  startedAt: isoDateTime,
});
export type LibrarySubscriptionStarted = z.infer<typeof librarySubscriptionStartedSchema>;

export const librarySerialIssueReceivedSchema = z.object({
  ...issueRef,
  receivedOn: z.iso.date(),
  /** who checked it in */
  checkedInBy: idString,
  /** true when the issue had been claimed before it came */
  wasClaimed: z.boolean(),
  receivedAt: isoDateTime,
});
export type LibrarySerialIssueReceived = z.infer<typeof librarySerialIssueReceivedSchema>;

/** An issue not received by its expected date plus grace: claimed from the vendor (again after another grace). */
export const librarySerialClaimedSchema = z.object({
  ...issueRef,
  vendor: vendorSchema,
  /** 1 for the first claim of this issue */
  claimCount: z.number().int().min(1),
  claimedAt: isoDateTime,
});
export type LibrarySerialClaimed = z.infer<typeof librarySerialClaimedSchema>;

/** Every issue of a volume is in: the volume is queued for binding as one bindable unit. */
export const librarySerialVolumeCompletedSchema = z.object({
  subscriptionId: idString,
  title: z.string().min(1).max(500),
  branch: branchSchema,
  volume: z.number().int().min(1),
  /** the bindable unit the volume becomes (an item of format journal-volume) */
  itemId: idString,
  completedAt: isoDateTime,
});
export type LibrarySerialVolumeCompleted = z.infer<typeof librarySerialVolumeCompletedSchema>;
