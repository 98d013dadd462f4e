import { z } from 'zod';

import { JsonSchema } from '../asyncapi/schema-example';
import {
  breakingChangesAgainstSnapshots,
  eventTypes,
  readSnapshot,
  SNAPSHOT_COMMAND,
  snapshotText,
} from './contract-snapshots';
import { breakingChanges } from './schema-compatibility';

const json = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;

const v1 = z.object({
  ticketId: z.string(),
  priority: z.enum(['normal', 'high', 'urgent']),
  labourMinutes: z.number().int(),
  note: z.string().optional(),
  parts: z.array(z.object({ sku: z.string(), quantity: z.number() })),
});

describe('published event schemas against their committed snapshots (libs/contracts/snapshots)', () => {
  it.each(eventTypes())('%s has a snapshot', (type) => {
    if (!readSnapshot(type)) throw new Error(`${type} has no snapshot: run ${SNAPSHOT_COMMAND}`);
  });

  it('no published type changed in a way that breaks its consumers or producers', () => {
    const breaking = breakingChangesAgainstSnapshots();
    if (breaking.length)
      throw new Error(
        `breaking changes to published event types (publish a new version instead):\n  ${breaking.join('\n  ')}`,
      );
  });

  it.each(eventTypes())('a snapshot of %s written now would be accepted by itself', (type) => {
    expect(breakingChanges(JSON.parse(snapshotText(type)), JSON.parse(snapshotText(type)))).toEqual([]);
  });
});

describe('breakingChanges', () => {
  it('passes an added optional field', () => {
    expect(breakingChanges(json(v1), json(v1.extend({ eta: z.string().optional() })))).toEqual([]);
  });

  it('names a removed field', () => {
    expect(breakingChanges(json(v1), json(v1.omit({ note: true })))).toEqual(['note: removed']);
  });

  it('names a retyped field, also inside an array', () => {
    const retyped = v1.extend({
      labourMinutes: z.string(),
      parts: z.array(z.object({ sku: z.string(), quantity: z.string() })),
    });
    expect(breakingChanges(json(v1), json(retyped))).toEqual([
      'labourMinutes: retyped from integer to string',
      'parts[].quantity: retyped from number to string',
    ]);
  });

  it('names a new required field and an optional one made required', () => {
    const stricter = v1.extend({ signedOffBy: z.string(), note: z.string() });
    expect(breakingChanges(json(v1), json(stricter))).toEqual([
      'note: was optional, is now required',
      'signedOffBy: new required field',
    ]);
  });

  it('names an enum value removed, and passes one added', () => {
    expect(breakingChanges(json(v1), json(v1.extend({ priority: z.enum(['normal', 'high']) })))).toEqual([
      'priority: enum value(s) "urgent" removed',
    ]);
    expect(
      breakingChanges(json(v1), json(v1.extend({ priority: z.enum(['normal', 'high', 'urgent', 'low']) }))),
    ).toEqual([]);
  });
});
