import { Connection, Model, Schema } from 'mongoose';

import { OutboxFields, withOutbox } from '../src';

/** A minimal aggregate with an outbox, standing in for a service's document in these tests. */
export interface Counter extends OutboxFields {
  _id: string;
  count: number;
  applied: string[];
}

/** The test aggregate; another `name` makes the same aggregate in a collection of its own. */
export function counterModel(connection: Connection, name = 'Counter'): Model<Counter> {
  const schema = withOutbox(
    new Schema<Counter>(
      { _id: String, count: { type: Number, default: 0 }, applied: { type: [String], default: [] } },
      { versionKey: false },
    ),
  );
  return connection.models[name] ?? connection.model<Counter>(name, schema);
}
