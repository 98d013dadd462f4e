import { NOTIFICATION_RULES, NotificationRule, RuleCondition } from './notification-rules';
import { RecipientKind, TemplateName, Urgency } from './vocabulary';

/** One person to tell about one event. */
export interface NotificationTarget {
  recipientKind: RecipientKind;
  recipientId: string;
  template: TemplateName;
  urgency: Urgency;
  /** a team's route named by the event (its region): the service's configuration maps it to a recipient */
  route?: string;
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
      const target = targetOf(r, record);
      return target ? [target] : [];
    });
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function targetOf(rule: NotificationRule, record: Record<string, unknown>): NotificationTarget | undefined {
  const { recipient } = rule;
  const id = 'idField' in recipient ? text(record[recipient.idField]) : recipient.id;
  if (!id) return undefined;
  const route = 'routeField' in recipient && recipient.routeField ? text(record[recipient.routeField]) : undefined;
  return {
    recipientKind: recipient.kind,
    recipientId: id,
    template: rule.template,
    urgency: rule.urgency,
    ...(route ? { route } : {}),
  };
}
