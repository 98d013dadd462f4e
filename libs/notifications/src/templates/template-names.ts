export const TEMPLATE_NAMES = [
  'appliance-registered',
  'installation-scheduled',
  'installation-completed',
  'problem-received',
  'guidance-sent',
  'visit-scheduled',
  'diagnosis-outcome',
  'repair-ticket-opened',
  'technician-en-route',
  'repair-awaiting-parts',
  'repair-completed',
  'repair-cancelled',
  'sla-breach-apology',
  'work-order-assigned',
  'work-order-reassigned',
  'work-order-cancelled',
  'repair-cancelled-technician',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** One message in one language: subject, plain text and HTML email body, SMS text (Handlebars). */
export interface MessageTemplate {
  subject: string;
  text: string;
  /** the body inside the HTML layout */
  html: string;
  sms: string;
}

/** A language may leave out templates or parts of them: English fills the gaps. */
export type TemplateSet = Partial<Record<TemplateName, Partial<MessageTemplate>>>;
