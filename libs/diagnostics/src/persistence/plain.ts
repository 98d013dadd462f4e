/**
 * A value as the store should keep it: undefined fields dropped at every depth (the driver would
 * write them as null, which MongoDB and FerretDB then hand back differently). Shallow cases use
 * platform's definedOnly; cases carry nested optional fields (triage, results, addresses).
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
