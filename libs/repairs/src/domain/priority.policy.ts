import { Priority, Severity } from '@appliance-care/contracts';

/** critical → urgent, high → high, anything else → normal. */
export function priorityFor(severity: Severity): Priority {
  if (severity === 'critical') return 'urgent';
  if (severity === 'high') return 'high';
  return 'normal';
}
