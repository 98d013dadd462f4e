import type { AppointmentLinkView, AppointmentView } from '@appliance-care/dispatch';

/**
 * The appointment link's pages for a browser: self-contained (no scripts, no external assets, one
 * inline style sheet), every value escaped. The forms post back to the link itself, so the page
 * works wherever the service is reached.
 */
export const PAGE_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const KIND: Record<AppointmentView['kind'], string> = {
  installation: 'Installation',
  'diagnostic-visit': 'Diagnostic visit',
  repair: 'Repair',
  maintenance: 'Maintenance visit',
};

const day = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' });

/** "Tue, 1 Dec 2026, 08:00–09:00 UTC" (working hours and days are UTC throughout dispatch). */
const when = (window: { from: string; to: string }): string =>
  `${day.format(new Date(window.from))}, ${time.format(new Date(window.from))}–${time.format(new Date(window.to))} UTC`;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
ul{list-style:none;padding:0}li{margin:.4rem 0}button{font:inherit;padding:.4rem .8rem;cursor:pointer}
textarea{width:100%;min-height:4rem;font:inherit}.note{color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>
`;
}

function summary(appointment: AppointmentView): string {
  const what = `${KIND[appointment.kind]}: ${appointment.summary}`;
  const at = appointment.window ? when(appointment.window) : 'not booked yet';
  const who = appointment.technicianName ? ` with ${appointment.technicianName}` : '';
  return `<p><strong>${escapeHtml(what)}</strong><br>${escapeHtml(at + who)}<br>Status: ${escapeHtml(appointment.status)}</p>`;
}

/** The appointment, each offered window as a one-button form that moves it there, and a cancel form. */
export function appointmentPage(token: string, view: AppointmentLinkView): string {
  const link = escapeHtml(encodeURIComponent(token));
  const slots = view.offers.slots.map(
    (slot) => `<li><form method="post" action="${link}/reschedule">
<input type="hidden" name="technicianId" value="${escapeHtml(slot.technicianId)}">
<input type="hidden" name="start" value="${escapeHtml(slot.window.from)}">
<button type="submit">${escapeHtml(`${when(slot.window)} with ${slot.technicianName}`)}</button></form></li>`,
  );
  const offered = slots.length
    ? `<ul>\n${slots.join('\n')}\n</ul>`
    : '<p>No other time is free in the coming days. Please contact us.</p>';
  return page(
    'Your appointment',
    `${summary(view.appointment)}
<h2>Move it</h2>
<p class="note">${escapeHtml(`Choose a new time. Note: ${view.notice}.`)}</p>
${offered}
<h2>Cancel it</h2>
<form method="post" action="${link}/cancel">
<label for="reason">Reason (optional)</label>
<textarea id="reason" name="reason" maxlength="500"></textarea>
<p><button type="submit">Cancel the appointment</button></p>
</form>`,
  );
}

export const movedPage = (appointment: AppointmentView): string =>
  page(
    'Your appointment has moved',
    `${summary(appointment)}
<p class="note">You will get a confirmation with a new link; this one no longer changes the appointment.</p>`,
  );

export const cancelledPage = (appointment: AppointmentView): string =>
  page('Your appointment is cancelled', `${summary(appointment)}\n<p class="note">Nothing more to do.</p>`);

/** A refused link or request, said in words (the status is the one a JSON client gets). */
export const refusedPage = (message: string): string =>
  page('This link cannot be used', `<p>${escapeHtml(message)}</p>`);
