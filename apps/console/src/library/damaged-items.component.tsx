import { FormEvent, useId, useState } from 'react';

import { useApi } from '../auth/session.context';
import { ProblemMessage } from '../shared/problem-message.component';
import { useAction } from '../shared/use-action.hook';
import { usePolled } from '../shared/use-polled.hook';
import { ItemFacts } from './item-facts.component';
import { libraryApi, LibraryItem, TriageDecision } from './library.api';

const DECISIONS: { decision: TriageDecision; label: string }[] = [
  { decision: 'repair', label: 'Repair in house' },
  { decision: 'bind', label: 'Send to binding' },
  { decision: 'withdraw', label: 'Withdraw' },
];

/** The librarian's triage of one damaged item: the decision and why. */
function Triage({ item, onDone }: { item: LibraryItem; onDone: () => void }) {
  const library = libraryApi(useApi());
  const action = useAction(onDone);
  const id = useId();
  const [decision, setDecision] = useState<TriageDecision>('repair');
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => library.triage(item.itemId, decision, reason.trim() || undefined));
  };
  return (
    <li className="queue-card" data-item={item.itemId} aria-label={`Damaged ${item.title}`}>
      <h3>{item.title}</h3>
      <ItemFacts item={item}>
        <dt>Damage</dt>
        <dd>{item.damage ?? 'not described'}</dd>
      </ItemFacts>
      <form className="step-form" onSubmit={submit}>
        <label htmlFor={`${id}-decision`}>Decision</label>
        <select id={`${id}-decision`} value={decision} onChange={(e) => setDecision(e.target.value as TriageDecision)}>
          {DECISIONS.map((d) => (
            <option key={d.decision} value={d.decision}>
              {d.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" disabled={action.busy}>
          Triage
        </button>
      </form>
      <ProblemMessage error={action.error} />
    </li>
  );
}

/** Items circulation reported damaged: repair in house, send to binding, or withdraw. */
export function DamagedPanel() {
  const library = libraryApi(useApi());
  const damaged = usePolled(() => library.itemsIn('damaged'), 'damaged');
  return (
    <section aria-labelledby="damaged-title">
      <h2 id="damaged-title">Damaged items to triage</h2>
      <ProblemMessage error={damaged.error} />
      {damaged.data && damaged.data.length === 0 && <p>No damaged items wait for triage.</p>}
      <ul className="queue">
        {(damaged.data ?? []).map((item) => (
          <Triage key={item.itemId} item={item} onDone={damaged.reload} />
        ))}
      </ul>
    </section>
  );
}
