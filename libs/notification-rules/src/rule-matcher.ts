import { NOTIFICATION_RULES, NotificationRule, RuleCondition } from './notification-rules';
import { RecipientKind, TemplateName, Urgency } from './vocabulary';

/** One person to tell about one event. */
export interface NotificationTarget {
  recipientKind: RecipientKind;
  recipientId: string;
  template: TemplateName;
  urgency: Urgency;
}

function holds(condition: RuleCondition, data: Record<string, unknown>): boolean {
  const value = data[condition.field] as string | number | boolean | undefined;
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return value !== undefined && condition.in.includes(value);
  return value === undefined || !condition.notIn.includes(value);
}

/** The targets an event has under the rules; a rule whose recipient id is absent from the event tells nobody. */
export function matchRules(
  eventType: string,
  data: unknown,
  rules: readonly NotificationRule[] = NOTIFICATION_RULES,
): NotificationTarget[] {
  const record = (data ?? {}) as Record<string, unknown>;
  return rules
    .filter((r) => r.eventType === eventType && (r.when ?? []).every((c) => holds(c, record)))
    .flatMap((r) => {
      const id = record[r.recipient.idField];
      return typeof id === 'string' && id.length > 0
        ? [{ recipientKind: r.recipient.kind, recipientId: id, template: r.template, urgency: r.urgency }]
        : [];
    });
}
