import * as fs from 'node:fs';
import * as path from 'node:path';

import { eventPayloadSchema } from '../asyncapi/asyncapi.document';
import { JsonSchema } from '../asyncapi/schema-example';
import { EventRegistry, EventType } from '../event-registry';
import { breakingChanges } from './schema-compatibility';

/** libs/contracts/snapshots/<type>.json: the JSON Schema of each published type's data, as last accepted. */
export const SNAPSHOT_DIR = path.resolve(__dirname, '../../snapshots');

export const SNAPSHOT_COMMAND =
  'SWC_NODE_PROJECT=tsconfig.json node -r @swc-node/register libs/contracts/scripts/snapshot-contracts.ts';

const snapshotFile = (type: string): string => path.join(SNAPSHOT_DIR, `${type}.json`);

export const eventTypes = (): EventType[] => Object.keys(EventRegistry) as EventType[];

export function readSnapshot(type: string): JsonSchema | undefined {
  const file = snapshotFile(type);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema) : undefined;
}

export const snapshotText = (type: EventType): string => `${JSON.stringify(eventPayloadSchema(type), null, 2)}\n`;

/** Each breaking change of the current schema against its snapshot, as "<type>: <field>: <what>". */
export function breakingChangesAgainstSnapshots(): string[] {
  return eventTypes().flatMap((type) => {
    const snapshot = readSnapshot(type);
    if (!snapshot) return [];
    return breakingChanges(snapshot, eventPayloadSchema(type)).map((change) => `${type}: ${change}`);
  });
}

/** Writes every type's snapshot; returns the files written. */
export function writeSnapshots(): string[] {
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  return eventTypes().map((type) => {
    fs.writeFileSync(snapshotFile(type), snapshotText(type));
    return snapshotFile(type);
  });
}
