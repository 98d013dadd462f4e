import Handlebars from 'handlebars';

import { MessageTemplate, TemplateName, TemplateSet } from './template-names';
import { DE } from './templates.de';
import { EN } from './templates.en';
import { FR } from './templates.fr';

export interface RenderedMessage {
  /** language actually used for the subject */
  language: string;
  subject: string;
  text: string;
  html: string;
  sms: string;
  /** parts that were not available (or came out blank) in the recipient's language */
  fallbackParts: (keyof MessageTemplate)[];
}

export interface RenderOptions {
  /** BCP 47, e.g. de-DE; its language picks the template set */
  locale: string;
  timeZone: string;
}

const LANGUAGES: Record<string, TemplateSet> = { en: EN, de: DE, fr: FR };
const PARTS: (keyof MessageTemplate)[] = ['subject', 'text', 'html', 'sms'];
const FALLBACK_LOCALE = 'en-GB';

type Data = { locale: string; timeZone: string };

/**
 * Intl formatters by locale, zone and style: building one costs far more than formatting with it,
 * and a round renders the same few combinations for every message (four parts each).
 */
const MAX_FORMATTERS = 512;
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: unknown[], make: () => F): F {
  const id = JSON.stringify(key);
  let found = formatters.get(id) as F | undefined;
  if (!found) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear(); // recipients choose locale and zone: stay bounded
    found = make();
    formatters.set(id, found);
  }
  return found;
}
const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  formatter(['date', locale, options], () => new Intl.DateTimeFormat(locale, options));

function createEngine(): typeof Handlebars {
  const hb = Handlebars.create();
  const fmt = (value: unknown, data: Data) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) return String(value ?? '');
    return dateTimeFormat(data.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: data.timeZone }).format(
      date,
    );
  };
  hb.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) => fmt(value, options.data));
  hb.registerHelper('window', (w: { from?: string; to?: string } | undefined, options: Handlebars.HelperOptions) => {
    if (!w?.from) return '';
    const data: Data = options.data;
    const to = w.to
      ? dateTimeFormat(data.locale, { timeStyle: 'short', timeZone: data.timeZone }).format(new Date(w.to))
      : '';
    return to ? `${fmt(w.from, data)} – ${to}` : fmt(w.from, data);
  });
  hb.registerHelper('money', (amount: unknown, currency: unknown, options: Handlebars.HelperOptions) => {
    const data: Data = options.data;
    try {
      const options: Intl.NumberFormatOptions = { style: 'currency', currency: String(currency) };
      return formatter(['number', data.locale, options], () => new Intl.NumberFormat(data.locale, options)).format(
        Number(amount),
      );
    } catch {
      return `${amount} ${currency}`;
    }
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  return hb;
}

const LAYOUT =
  '<!doctype html><html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>' +
  '<body style="font-family:Arial,sans-serif;line-height:1.4">{{{body}}}<hr><p style="color:#777;font-size:12px">Appliance Care</p></body></html>';

/**
 * Renders a notification in the recipient's language with Handlebars; every part missing from that
 * language (or rendering blank) is taken from English, so a message is never empty. Text and SMS are
 * not HTML-escaped; the HTML body is.
 */
export class TemplateRenderer {
  private readonly hb = createEngine();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout = this.hb.compile(LAYOUT);

  constructor(private readonly languages: Record<string, TemplateSet> = LANGUAGES) {}

  render(template: TemplateName, context: Record<string, unknown>, options: RenderOptions): RenderedMessage {
    const language = options.locale.split(/[-_]/)[0].toLowerCase();
    const fallbackParts: (keyof MessageTemplate)[] = [];
    const out = {} as Record<keyof MessageTemplate, string>;
    for (const part of PARTS) {
      const own = language === 'en' ? undefined : this.attempt(language, template, part, context, options);
      if (own !== undefined) {
        out[part] = own;
        continue;
      }
      if (language !== 'en') fallbackParts.push(part);
      const locale = language === 'en' ? options.locale : FALLBACK_LOCALE;
      out[part] = this.attempt('en', template, part, context, { ...options, locale }) ?? `(${template})`;
    }
    const usedLanguage = fallbackParts.includes('html') ? 'en' : language in this.languages ? language : 'en';
    return {
      language: fallbackParts.includes('subject') ? 'en' : usedLanguage,
      subject: out.subject.replace(/\s+/g, ' ').trim(),
      text: out.text,
      html: this.layout({ lang: usedLanguage, subject: out.subject, body: out.html }),
      sms: out.sms.trim(),
      fallbackParts,
    };
  }

  private attempt(
    language: string,
    template: TemplateName,
    part: keyof MessageTemplate,
    context: Record<string, unknown>,
    options: RenderOptions,
  ): string | undefined {
    const source = this.languages[language]?.[template]?.[part];
    if (!source || !source.trim()) return undefined;
    const key = `${language}|${template}|${part}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = this.hb.compile(source, { noEscape: part !== 'html', strict: false });
      this.cache.set(key, compiled);
    }
    const data: Data = { locale: options.locale, timeZone: options.timeZone };
    let rendered: string;
    try {
      rendered = compiled(context, { data });
    } catch {
      return undefined;
    }
    return rendered.trim() ? rendered : undefined;
  }
}

/** What templates may use besides the event data. */
export function templateContext(data: Record<string, unknown>, recipientName: string): Record<string, unknown> {
  const brandModel =
    [data['brand'], data['model']].filter((v) => typeof v === 'string' && v).join(' ') ||
    String(data['category'] ?? 'appliance');
  return { ...data, name: recipientName, brandModel };
}
