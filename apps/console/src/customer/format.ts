/** Times as the customer reads them: in UTC, said so, so a test and a person read the same thing. */
export function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function windowText(window: { from: string; to: string }): string {
  return `${when(window.from)}–${window.to.slice(11, 16)}`;
}

/** `washing-machine` → `washing machine`; `awaiting-customer` → `awaiting customer` */
export function words(kebab: string): string {
  return kebab.replace(/-/g, ' ');
}
