import { z } from 'zod';

import { branchSchema, idString, isoDateTime, skillSchema } from '@appliance-care/contracts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (UTC)');
const workingDay = z
  .strictObject({ start: clock, end: clock })
  .refine((d) => d.start < d.end, { message: 'start must be before end', path: ['end'] });
const day = z.iso.date();

const licenceInput = z.strictObject({
  skill: skillSchema,
  number: z.string().min(1).max(64).optional(),
  validUntil: day,
});

const timeOffInput = z
  .strictObject({ from: isoDateTime, to: isoDateTime, reason: z.string().max(200).optional() })
  .refine((o) => Date.parse(o.from) < Date.parse(o.to), { message: 'from must be before to', path: ['to'] });

/** A technician's details (everything but the id), as registered and as answered. */
export const technicianFields = {
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .optional(),
  locale: z.string().min(2).max(16).default('en-GB'),
  skills: z.array(skillSchema).min(1).max(20),
  licences: z.array(licenceInput).max(20).default([]),
  homeRegion: z.string().min(1).max(64),
  regions: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** per weekday, in UTC */
  workingHours: z.strictObject({
    mon: workingDay.optional(),
    tue: workingDay.optional(),
    wed: workingDay.optional(),
    thu: workingDay.optional(),
    fri: workingDay.optional(),
    sat: workingDay.optional(),
    sun: workingDay.optional(),
  }),
  timeOff: z.array(timeOffInput).max(100).default([]),
  active: z.boolean().default(true),
  /** a library technician's branch: queue items there only, never appliance work (homeRegion defaults to it) */
  branch: branchSchema.optional(),
};

const reachable = (t: { email?: string; phone?: string }) => Boolean(t.email || t.phone);
const contactIssue = { message: 'a technician needs an email or a phone', path: ['email'] };
/** A library technician works at a branch, not in a travel region: their home region is the branch's. */
const located = (t: { homeRegion?: string; branch?: string }) => Boolean(t.homeRegion || t.branch);
const locationIssue = { message: 'a technician needs a homeRegion or a branch', path: ['homeRegion'] };
const inputFields = { ...technicianFields, homeRegion: technicianFields.homeRegion.optional() };

export const registerTechnicianInput = z
  .strictObject({ technicianId: idString.optional(), ...inputFields })
  .refine(reachable, contactIssue)
  .refine(located, locationIssue);
export type RegisterTechnicianInput = z.infer<typeof registerTechnicianInput>;

export const replaceTechnicianInput = z
  .strictObject(inputFields)
  .refine(reachable, contactIssue)
  .refine(located, locationIssue);
export type ReplaceTechnicianInput = z.infer<typeof replaceTechnicianInput>;

export const patchTechnicianInput = z.strictObject({
  name: technicianFields.name.optional(),
  email: technicianFields.email,
  phone: technicianFields.phone,
  locale: z.string().min(2).max(16).optional(),
  skills: technicianFields.skills.optional(),
  licences: z.array(licenceInput).max(20).optional(),
  homeRegion: technicianFields.homeRegion.optional(),
  regions: z.array(z.string().min(1).max(64)).max(20).optional(),
  workingHours: technicianFields.workingHours.optional(),
  timeOff: z.array(timeOffInput).max(100).optional(),
  active: z.boolean().optional(),
  branch: branchSchema.optional(),
});
export type PatchTechnicianInput = z.infer<typeof patchTechnicianInput>;

export const seedFileInput = z.array(registerTechnicianInput.and(z.object({ technicianId: idString })));
