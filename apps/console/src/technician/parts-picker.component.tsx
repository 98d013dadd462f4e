import { Part } from './technician.api';

const keyOf = (p: Part) => `${p.sku}:${p.name}`;

/** Ticks which of the parts the diagnosis named are meant (used, or to be ordered). */
export function PartsPicker(props: {
  legend: string;
  parts: Part[];
  chosen: Part[];
  onChange: (parts: Part[]) => void;
}) {
  if (props.parts.length === 0) return <p>No parts were named by the diagnosis.</p>;
  const has = (p: Part) => props.chosen.some((c) => keyOf(c) === keyOf(p));
  const toggle = (p: Part, on: boolean) =>
    props.onChange(on ? [...props.chosen, p] : props.chosen.filter((c) => keyOf(c) !== keyOf(p)));
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.parts.map((p) => (
        <label key={keyOf(p)} className="check">
          <input type="checkbox" checked={has(p)} onChange={(e) => toggle(p, e.target.checked)} />
          {p.quantity} × {p.name} ({p.sku})
        </label>
      ))}
    </fieldset>
  );
}
