/**
 * An example value for a JSON Schema (as zod's z.toJSONSchema writes it), for documents that show
 * one per message or request body. Values come from the field's name where the schema alone says
 * too little (an id, a region, a phone number); date-times increase along the document so that a
 * window's `from` comes before its `to`. Callers check the result against the zod schema.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number | boolean;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Tried in turn when a field's pattern refuses the value its name gives. */
const PATTERNED_STRINGS = ['08:00', '2027-12-31', 'EX-1001', 'example'];

/** Values a reader recognises, by field name (ids, contacts, places). */
const NAMED_STRINGS: Record<string, string> = {
  id: 'C-2001',
  customerId: 'C-2001',
  applianceId: 'AP-ACM-WM8-0001',
  technicianId: 'T-001',
  previousTechnicianId: 'T-002',
  orderId: 'ORD-1001',
  installationId: 'IN-AP-ACM-WM8-0001-1',
  workOrderId: 'WO-IN-AP-ACM-WM8-0001-1',
  caseId: 'DC-1001',
  ticketId: 'RT-DC-1001',
  notificationId: 'N-1001',
  recipientId: 'C-2001',
  sourceId: 'IN-AP-ACM-WM8-0001-1',
  sourceEventId: '6f1c2a4e-8d3b-4c55-9a7e-0b1d2c3e4f50',
  sourceEventType: 'installation.scheduled.v1',
  serialNumber: 'ACM-WM8-0001',
  sku: 'WM-8KG-1400',
  category: 'washing-machine',
  requiredSkill: 'washing-machine-install',
  skill: 'washing-machine-install',
  brand: 'Acme',
  model: 'WM8',
  name: 'Ada Lovelace',
  technicianName: 'Grace Hopper',
  email: 'ada@example.org',
  phone: '+441632960961',
  locale: 'en-GB',
  region: 'london',
  homeRegion: 'london',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  currency: 'GBP',
  errorCode: 'E21',
  code: 'E21',
  component: 'drain pump',
  template: 'installation-scheduled',
  validUntil: '2027-12-31',
  start: '08:00',
  end: '17:00',
  timezone: 'Europe/London',
  url: 'https://hooks.example.org/appliance-care',
  storeId: 'ST-042',
  lineId: '1',
  location: 'depot:london',
  receiptId: 'GRN-2027-0042',
  itemId: 'IT-0001',
  barcode: '39001000123456',
  branch: 'central',
  issn: '0028-0836',
  subscriptionId: 'SUB-NATURE',
  shipmentId: 'BS-0001',
  taskId: 'LT-IT-0001-copy-cataloguing',
  holdId: 'H-0001',
  patronId: 'P-1001',
  librarianId: 'L-001',
  callNumber: '005.133 LOV',
};

export function exampleFor(schema: JsonSchema): unknown {
  return new ExampleWriter().value(schema, '');
}

class ExampleWriter {
  private clock = Date.parse('2026-12-03T08:00:00Z');

  value(schema: JsonSchema, field: string): unknown {
    if (schema.const !== undefined) return schema.const;
    if (schema.enum?.length) return schema.enum[0];
    const branch = schema.anyOf ?? schema.oneOf ?? schema.allOf;
    if (branch?.length) return this.value(branch[0], field);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'object') return this.object(schema);
    if (type === 'array') return this.array(schema, field);
    if (type === 'string') return this.string(schema, field);
    if (type === 'integer' || type === 'number') return this.number(schema, field);
    if (type === 'boolean') return true;
    return schema.default ?? null;
  }

  private object(schema: JsonSchema): Record<string, unknown> {
    if (schema.properties)
      return Object.fromEntries(Object.entries(schema.properties).map(([key, sub]) => [key, this.value(sub, key)]));
    if (typeof schema.additionalProperties === 'object')
      return { reading: this.value(schema.additionalProperties, '') };
    return {};
  }

  private array(schema: JsonSchema, field: string): unknown[] {
    if (!schema.items) return [];
    return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => this.value(schema.items!, singular(field)));
  }

  private string(schema: JsonSchema, field: string): string {
    if (schema.format === 'date-time') return this.nextTime();
    if (schema.format === 'email') return NAMED_STRINGS['email'];
    if (schema.format === 'date') return NAMED_STRINGS['validUntil'];
    if (schema.format === 'uri') return NAMED_STRINGS['url'];
    const named = NAMED_STRINGS[field] ?? (schema.format === 'uuid' ? NAMED_STRINGS['sourceEventId'] : words(field));
    const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
    const text = !pattern || pattern.test(named) ? named : (PATTERNED_STRINGS.find((s) => pattern.test(s)) ?? named);
    const padded = text.padEnd(schema.minLength ?? 0, 'x');
    return schema.maxLength === undefined ? padded : padded.slice(0, schema.maxLength);
  }

  private number(schema: JsonSchema, field: string): number {
    const preferred: Record<string, number> = {
      warrantyMonths: 24,
      durationMinutes: 90,
      labourMinutes: 40,
      attempt: 1,
    };
    const low =
      typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : (schema.minimum ?? (field ? 1 : 0));
    const wanted = Math.max(preferred[field] ?? 1, low);
    return schema.maximum === undefined ? wanted : Math.min(wanted, schema.maximum);
  }

  private nextTime(): string {
    const time = new Date(this.clock).toISOString();
    this.clock += 60 * 60 * 1000;
    return time;
  }
}

const singular = (field: string): string => (field.endsWith('s') ? field.slice(0, -1) : field);

/** "workDone" → "work done": a readable stand-in for free text. */
const words = (field: string): string => (field ? field.replace(/([A-Z])/g, ' $1').toLowerCase() : 'example');
