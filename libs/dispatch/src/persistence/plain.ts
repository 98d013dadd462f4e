/**
 * A value as the store should keep it: undefined fields dropped at every depth (the driver would
 * write them as null, which no schema accepts back). Platform's definedOnly is the shallow form;
 * technicians and work orders carry nested optional fields (licences, time off, history).
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
