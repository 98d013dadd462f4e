import { z } from 'zod';

/** POST /feedback: the link's token and the answer (JSON, or the survey page's form). */
export const feedbackAnswerSchema = z.strictObject({
  token: z.string().min(1).max(4096).describe('the token of the feedback link (the last segment of its URL)'),
  rating: z.number().int().min(1).max(5).describe('1 poor – 5 excellent'),
  comment: z.string().max(2000).optional(),
  fixedFirstTime: z.boolean().describe('was the job done the first time?'),
});
export type FeedbackAnswerBody = z.infer<typeof feedbackAnswerSchema>;

const YES = new Set(['true', 'yes', 'on', '1']);
const NO = new Set(['false', 'no', 'off', '0']);

/**
 * A form sends strings: a rating of digits becomes its number, yes/no words the boolean, an empty
 * comment none. Anything else is left as sent, for the schema to name what is wrong.
 */
export function fromForm(form: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = { ...form };
  const { rating, fixedFirstTime, comment } = form;
  if (typeof rating === 'string' && /^\d{1,2}$/.test(rating)) values['rating'] = Number(rating);
  if (typeof fixedFirstTime === 'string' && YES.has(fixedFirstTime.toLowerCase())) values['fixedFirstTime'] = true;
  if (typeof fixedFirstTime === 'string' && NO.has(fixedFirstTime.toLowerCase())) values['fixedFirstTime'] = false;
  if (comment === '') delete values['comment'];
  return values;
}
