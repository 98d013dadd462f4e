import { randomUUID } from 'node:crypto';
import type { Collection, Connection } from 'mongoose';

/**
 * Why this exists: FerretDB 1.24 (the local and CI store) executes an update as read → modify →
 * write in Go without holding the row, so two concurrent updates of one document can lose one of
 * them (measured here: 200 concurrent $inc kept 31–91; a write racing the outbox relay's $pullAll
 * lost its change in 47 of 50 rounds). Unique inserts, however, are atomic. So on FerretDB every
 * update of an outbox-bearing document (the service's own writes, through a mongoose hook, and the
 * relay's) first claims a lock document `{ _id: <collection>:<id> }` by insert, across processes.
 * On MongoDB single-document updates are atomic and no lock is taken.
 */
export class DocumentLocks {
  private readonly local = new Map<string, Promise<void>>();

  constructor(
    private readonly collection: Collection,
    // the lease outlives any healthy holder by far: a holder that overran it (seen at 15 s under a
    // 2-core overload, with `$in` scans) let a second writer in and one update was lost
    private readonly ttlMs = 60_000,
  ) {}

  /** Runs fn while holding the lock on key (in this process first, then in the store). */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      await release();
    }
  }

  async acquire(key: string): Promise<() => Promise<void>> {
    // queue behind holders in this process, so the store only arbitrates between processes
    const previous = this.local.get(key) ?? Promise.resolve();
    let releaseLocal!: () => void;
    const mine = new Promise<void>((resolve) => (releaseLocal = resolve));
    const chained = previous.then(() => mine);
    this.local.set(key, chained);
    await previous;
    try {
      const token = await this.claim(key);
      return async () => {
        try {
          await this.collection.deleteOne({ _id: key, token } as never);
        } finally {
          if (this.local.get(key) === chained) this.local.delete(key);
          releaseLocal();
        }
      };
    } catch (err) {
      if (this.local.get(key) === chained) this.local.delete(key);
      releaseLocal();
      throw err;
    }
  }

  /** Claims many keys at once; returns those claimed (the caller retries the others later). */
  async claimMany(keys: string[]): Promise<{ claimed: string[]; release: () => Promise<void> }> {
    if (keys.length === 0) return { claimed: [], release: async () => undefined };
    const token = randomUUID();
    const expiresAt = Date.now() + this.ttlMs;
    try {
      await this.collection.insertMany(keys.map((k) => ({ _id: k, token, expiresAt })) as never[], { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const mine = await this.collection.find({ _id: { $in: keys }, token } as never, { projection: { _id: 1 } }).toArray();
    const claimed = mine.map((d) => String(d._id));
    await this.expireStale(keys.filter((k) => !claimed.includes(k)));
    return { claimed, release: async () => void (await this.collection.deleteMany({ _id: { $in: claimed }, token } as never)) };
  }

  private async claim(key: string): Promise<string> {
    const token = randomUUID();
    let delay = 1;
    for (;;) {
      try {
        await this.collection.insertOne({ _id: key, token, expiresAt: Date.now() + this.ttlMs } as never);
        return token;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      await this.expireStale([key]);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(25, delay * 2);
    }
  }

  /** A holder that crashed leaves its lock behind; after its lease it is removed. */
  private async expireStale(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const held = await this.collection.find({ _id: { $in: keys } } as never).toArray();
    const now = Date.now();
    for (const lock of held) {
      if (Number(lock['expiresAt']) < now) await this.collection.deleteOne({ _id: lock._id, token: lock['token'] } as never);
    }
  }
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  return e?.code === 11000 || (Array.isArray(e?.writeErrors) && e.writeErrors.every((w) => w.code === 11000));
}

const perConnection = new WeakMap<Connection, Promise<DocumentLocks | null>>();

/** The connection's lock table on FerretDB; null on MongoDB (or when MONGODB_DOCUMENT_LOCKS=off). */
export function documentLocksFor(connection: Connection): Promise<DocumentLocks | null> {
  let locks = perConnection.get(connection);
  if (!locks) {
    locks = (async () => {
      const mode = process.env['MONGODB_DOCUMENT_LOCKS'] ?? 'auto';
      if (mode === 'off') return null;
      await connection.asPromise();
      if (mode === 'auto') {
        const info = await connection.db!.admin().command({ buildInfo: 1 });
        if (!('ferretdbVersion' in info)) return null;
      }
      return new DocumentLocks(connection.collection('document_locks'));
    })();
    perConnection.set(connection, locks);
    locks.catch(() => perConnection.delete(connection));
  }
  return locks;
}
