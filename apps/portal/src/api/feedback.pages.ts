import type { FeedbackRecord, FeedbackSurvey } from '@appliance-care/portal';

/**
 * The survey as a small self-contained HTML page for a customer who opens the link in a browser:
 * no scripts, no external assets, every value escaped. The headers keep the page (and the token in
 * its URL and form) out of caches, frames and referrers.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const JOB_WORDS: Record<string, string> = {
  installation: 'installation',
  'diagnostic-visit': 'diagnostic visit',
  repair: 'repair',
};

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'fieldset{border:1px solid #ccc;margin:1rem 0}textarea{width:100%;min-height:5rem}button{padding:.5rem 1.5rem}';

function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`
  );
}

const jobWords = (kind: string): string => JOB_WORDS[kind] ?? kind;

function aboutText(survey: FeedbackSurvey): string {
  const appliance = survey.appliance
    ? [survey.appliance.brand, survey.appliance.model].filter(Boolean).join(' ') || survey.appliance.category
    : 'your appliance';
  const who = survey.technician.name ?? 'our technician';
  return `The ${jobWords(survey.kind)} of ${appliance} by ${who} on ${survey.when.slice(0, 10)}`;
}

const ratingChoices = (): string =>
  [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="rating" value="${n}" required> ${n}</label>`).join(' ');

/** The survey form: it posts the token with the answer, form-urlencoded, to POST /feedback. */
export function surveyPage(survey: FeedbackSurvey, token: string): string {
  return page(
    'How did we do?',
    `<h1>How did we do?</h1><p>${escapeHtml(aboutText(survey))}.</p>` +
      `<form method="post" action="${escapeHtml(survey.answerAt)}">` +
      `<input type="hidden" name="token" value="${escapeHtml(token)}">` +
      `<fieldset><legend>Your rating (1 poor – 5 excellent)</legend>${ratingChoices()}</fieldset>` +
      '<fieldset><legend>Was it done the first time?</legend>' +
      '<label><input type="radio" name="fixedFirstTime" value="true" required> Yes</label> ' +
      '<label><input type="radio" name="fixedFirstTime" value="false"> No</label></fieldset>' +
      '<p><label>Anything you would like to tell us?<br><textarea name="comment" maxlength="2000"></textarea></label></p>' +
      '<button type="submit">Send</button></form>',
  );
}

export function thanksPage(record: FeedbackRecord): string {
  return page(
    'Thank you',
    `<h1>Thank you</h1><p>Your feedback on the ${escapeHtml(jobWords(record.kind))} (${record.rating}/5) has reached us.</p>`,
  );
}

/** A refused link or answer, said in words (the same status as the JSON answer). */
export function problemPage(status: number, detail: string): string {
  const title = status === 410 ? 'This link has expired' : status === 409 ? 'Already answered' : 'Sorry';
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}.</p>`);
}
