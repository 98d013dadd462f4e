import { TEMPLATE_NAMES, TemplateName } from '@appliance-care/notification-rules';

// the names are shared with the notification rules (libs/notification-rules); the texts live here
export { TEMPLATE_NAMES };
export type { TemplateName };

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
