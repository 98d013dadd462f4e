import { z } from 'zod';

import { ReplacementSettings } from '../domain/replacement.policy';

export const REPLACEMENT_SETTINGS = Symbol('REPLACEMENT_SETTINGS');

export const DEFAULT_REPLACEMENT_SETTINGS: ReplacementSettings = { estimateShare: 0.6, repeatFaultDays: 90 };

const settingsSchema = z.object({
  estimateShare: z.number().gt(0),
  repeatFaultDays: z.number().int().min(0),
});

/** RMA_ESTIMATE_SHARE (default 0.6) and RMA_REPEAT_FAULT_DAYS (default 90); a bad value stops the start. */
export function loadReplacementSettings(env: NodeJS.ProcessEnv = process.env): ReplacementSettings {
  const share = env['RMA_ESTIMATE_SHARE'];
  const days = env['RMA_REPEAT_FAULT_DAYS'];
  const result = settingsSchema.safeParse({
    estimateShare: share ? Number(share) : DEFAULT_REPLACEMENT_SETTINGS.estimateShare,
    repeatFaultDays: days ? Number(days) : DEFAULT_REPLACEMENT_SETTINGS.repeatFaultDays,
  });
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid replacement settings (RMA_ESTIMATE_SHARE, RMA_REPEAT_FAULT_DAYS): ${issues}`);
  }
  return result.data;
}
