import { FormEvent, useId, useState } from 'react';

import { Action } from '../shared/use-action.hook';
import { CatalogueRecord, LibraryItem } from './library.api';

/** Subjects one a line (or separated by semicolons), as cataloguers write them. */
export function subjectsOf(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The record as typed: blanks left out, so the service names what is missing (callNumber) itself. */
export function recordOf(fields: { callNumber: string; subjects: string; source: string; notes: string }) {
  const record: Partial<CatalogueRecord> = {
    callNumber: fields.callNumber.trim(),
    subjects: subjectsOf(fields.subjects),
  };
  if (fields.source.trim()) record.sourceRecordId = fields.source.trim();
  if (fields.notes.trim()) record.notes = fields.notes.trim();
  return record as CatalogueRecord;
}

/**
 * The cataloguing record: copy cataloguing completes the item (processing next), an original record
 * goes to a librarian for approval. A record sent back starts from what was submitted.
 */
export function CataloguingForm(props: { item: LibraryItem; action: Action; onSubmit: (r: CatalogueRecord) => void }) {
  const id = useId();
  const before = props.item.record;
  const [callNumber, setCallNumber] = useState(before?.callNumber ?? '');
  const [subjects, setSubjects] = useState((before?.subjects ?? []).join('\n'));
  const [source, setSource] = useState(before?.sourceRecordId ?? '');
  const [notes, setNotes] = useState(before?.notes ?? '');
  const original = props.item.cataloguing === 'original';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(recordOf({ callNumber, subjects, source, notes }));
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={`${id}-call`}>Call number</label>
      <input id={`${id}-call`} value={callNumber} onChange={(e) => setCallNumber(e.target.value)} />
      <label htmlFor={`${id}-subjects`}>Subjects (one a line)</label>
      <textarea id={`${id}-subjects`} value={subjects} onChange={(e) => setSubjects(e.target.value)} />
      <label htmlFor={`${id}-source`}>Source record id</label>
      <input id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value)} />
      <label htmlFor={`${id}-notes`}>Notes</label>
      <textarea id={`${id}-notes`} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" disabled={props.action.busy}>
        {original ? 'Submit for approval' : 'Complete cataloguing'}
      </button>
    </form>
  );
}

/** Repaired in house: back in circulation, with what was done. */
export function RepairForm(props: { action: Action; onSubmit: (notes: string) => void }) {
  const id = useId();
  const [notes, setNotes] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(notes.trim());
  };
  return (
    <form className="step-form" onSubmit={submit}>
      <label htmlFor={`${id}-notes`}>Repair notes</label>
      <textarea id={`${id}-notes`} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" disabled={props.action.busy}>
        Repair complete
      </button>
    </form>
  );
}
