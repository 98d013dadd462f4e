import { BusinessRuleError } from '@appliance-care/kernel';

import { ChecklistItem } from './installation-catalogue';

export interface ChecklistAnswer {
  item: string;
  done: boolean;
}

/**
 * A completion is accepted only with every item of the category's checklist answered (done or
 * not: the record is what matters), nothing unknown, and the customer trained.
 */
export function checkCompletion(
  template: ChecklistItem[],
  answers: ChecklistAnswer[],
  customerTrained: boolean,
): ChecklistAnswer[] {
  const problems: string[] = [];
  const known = new Set(template.map((t) => t.item));
  const answered = new Map<string, boolean>();
  for (const answer of answers) {
    if (!known.has(answer.item)) problems.push(`"${answer.item}" is not on this installation's checklist`);
    else if (answered.has(answer.item)) problems.push(`"${answer.item}" is answered twice`);
    else answered.set(answer.item, answer.done);
  }
  const missing = template.filter((t) => !answered.has(t.item)).map((t) => t.item);
  if (missing.length) problems.push(`checklist items not answered: ${missing.join(', ')}`);
  if (!customerTrained)
    problems.push(
      'the customer must be trained on the appliance before the installation is complete (customerTrained: true)',
    );
  if (problems.length) {
    throw new BusinessRuleError(
      'installation-incomplete',
      `the installation cannot be completed: ${problems.join('; ')}`,
      {
        missingItems: missing,
        expectedItems: template.map((t) => t.item),
      },
      422,
    );
  }
  return template.map((t) => ({ item: t.item, done: answered.get(t.item) as boolean }));
}
