import { ItemStatus } from '@appliance-care/contracts';
import { InvalidTransitionError } from '@appliance-care/kernel';

export type ItemAction =
  | 'complete-copy-cataloguing'
  | 'submit-original-cataloguing'
  | 'approve-cataloguing'
  | 'return-cataloguing'
  | 'complete-processing'
  | 'place-hold'
  | 'report-damage'
  | 'triage-repair'
  | 'triage-bind'
  | 'triage-withdraw'
  | 'complete-repair'
  | 'send-to-bindery'
  | 'return-from-bindery';

type Moves = Partial<Record<ItemStatus, ItemStatus>>;

/** Before the shelf: where a patron's hold waits for the item (and is told when it is shelf-ready). */
export const IN_PROCESSING: readonly ItemStatus[] = ['cataloguing', 'awaiting-approval', 'processing'];

/**
 * Every move an item may make. Technical services: cataloguing (copy straight to processing, original
 * through a librarian's approval, which may send it back), physical processing, the shelf. Circulation
 * finds it damaged; triage repairs it in house, sends it to binding or withdraws it; binding and repair
 * bring it back to the shelf. A hold keeps the item where it is.
 */
const TRANSITIONS: Record<ItemAction, Moves> = {
  'complete-copy-cataloguing': { cataloguing: 'processing' },
  'submit-original-cataloguing': { cataloguing: 'awaiting-approval' },
  'approve-cataloguing': { 'awaiting-approval': 'processing' },
  'return-cataloguing': { 'awaiting-approval': 'cataloguing' },
  'complete-processing': { processing: 'available' },
  'place-hold': Object.fromEntries(IN_PROCESSING.map((status) => [status, status])),
  'report-damage': { available: 'damaged' },
  'triage-repair': { damaged: 'in-repair' },
  'triage-bind': { damaged: 'awaiting-binding' },
  'triage-withdraw': { damaged: 'withdrawn' },
  'complete-repair': { 'in-repair': 'available' },
  'send-to-bindery': { 'awaiting-binding': 'at-bindery' },
  'return-from-bindery': { 'at-bindery': 'available' },
};

const VERB: Record<ItemAction, string> = {
  'complete-copy-cataloguing': 'complete copy cataloguing',
  'submit-original-cataloguing': 'submit original cataloguing',
  'approve-cataloguing': 'have its cataloguing approved',
  'return-cataloguing': 'have its cataloguing returned',
  'complete-processing': 'complete physical processing',
  'place-hold': 'take a hold (only while in processing)',
  'report-damage': 'be reported damaged',
  'triage-repair': 'be triaged for repair',
  'triage-bind': 'be triaged for binding',
  'triage-withdraw': 'be withdrawn',
  'complete-repair': 'complete a repair',
  'send-to-bindery': 'be sent to the bindery',
  'return-from-bindery': 'return from the bindery',
};

export class ItemStateMachine {
  static can(from: ItemStatus, action: ItemAction): boolean {
    return TRANSITIONS[action][from] !== undefined;
  }

  /** The status after `action`, or InvalidTransitionError (409 naming the verb and the current state). */
  static next(itemId: string, from: ItemStatus, action: ItemAction): ItemStatus {
    const to = TRANSITIONS[action][from];
    if (to === undefined) throw new InvalidTransitionError('library item', itemId, from, VERB[action]);
    return to;
  }
}
