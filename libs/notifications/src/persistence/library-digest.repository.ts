import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter, UpdateQuery } from 'mongoose';

import { isDuplicateKey } from '@appliance-care/platform';

import {
  ApprovalDoc,
  DigestRunDoc,
  LateSerialDoc,
  LIBRARY_APPROVAL_MODEL,
  LIBRARY_DIGEST_RUN_MODEL,
  LIBRARY_LATE_SERIAL_MODEL,
} from './library-digest-source.schema';

type Issue = Omit<LateSerialDoc, '_id' | 'claimCount' | 'lastClaimedAt' | 'receivedOn'>;

const issueId = (issue: Issue): string => `${issue.subscriptionId}|${issue.volume}|${issue.number}`;

/**
 * A conditional upsert: applied only when the filter holds; when the document exists and the filter
 * does not hold, the upsert tries to insert it again and is refused — the newer state stands.
 */
async function upsertUnless<T>(model: Model<T>, filter: QueryFilter<T>, update: UpdateQuery<T>): Promise<void> {
  try {
    await model.updateOne(filter, update, { upsert: true }).exec();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** What the digest reads (late serials, waiting approvals), kept from library-services' events, and its runs. */
@Injectable()
export class LibraryDigestRepository {
  constructor(
    @InjectModel(LIBRARY_LATE_SERIAL_MODEL) private readonly serials: Model<LateSerialDoc>,
    @InjectModel(LIBRARY_APPROVAL_MODEL) private readonly approvals: Model<ApprovalDoc>,
    @InjectModel(LIBRARY_DIGEST_RUN_MODEL) private readonly runs: Model<DigestRunDoc>,
  ) {}

  /** A claim: the issue is late (a later claim's count wins; a received issue stays received). */
  async claimed(issue: Issue, claimCount: number, claimedAt: string): Promise<void> {
    const _id = issueId(issue);
    await upsertUnless(
      this.serials,
      {
        _id,
        receivedOn: { $exists: false },
        $or: [{ claimCount: { $exists: false } }, { claimCount: { $lte: claimCount } }],
      },
      { $set: { ...issue, claimCount, lastClaimedAt: claimedAt } },
    );
  }

  async received(issue: Issue, receivedOn: string): Promise<void> {
    await this.serials.updateOne({ _id: issueId(issue) }, { $set: { ...issue, receivedOn } }, { upsert: true }).exec();
  }

  /** A cataloguing fact about an item (submitted: waiting; completed or returned: closed), unless a newer one is there. */
  async approvalChanged(doc: ApprovalDoc): Promise<void> {
    const { _id, ...fields } = doc;
    await upsertUnless(
      this.approvals,
      { _id, $or: [{ at: { $exists: false } }, { at: { $lte: doc.at } }] },
      { $set: fields },
    );
  }

  async lateSerials(branch: string): Promise<LateSerialDoc[]> {
    return this.serials
      .find({ branch, receivedOn: { $exists: false }, claimCount: { $gte: 1 } })
      .lean<LateSerialDoc[]>()
      .exec();
  }

  async waitingApprovals(branch: string): Promise<ApprovalDoc[]> {
    return this.approvals.find({ branch, status: 'waiting' }).lean<ApprovalDoc[]>().exec();
  }

  /**
   * Claims a branch's digest of a day: the insert of its run (its _id is the once-key) or, when a
   * claim was left running past its lease (its instance died), a conditional takeover. False when
   * another instance has it or it is done.
   */
  async claimRun(id: string, branch: string, date: string, now: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.runs.create({ _id: id, branch, date, status: 'running', leaseUntil, startedAt: now });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const taken = await this.runs
      .updateOne({ _id: id, status: 'running', leaseUntil: { $lt: now } }, { $set: { leaseUntil, startedAt: now } })
      .exec();
    return taken.modifiedCount === 1;
  }

  async finishRun(id: string, counts: Pick<DigestRunDoc, 'lateSerials' | 'approvals' | 'notifications'>, now: Date) {
    await this.runs.updateOne({ _id: id }, { $set: { status: 'done', finishedAt: now, ...counts } }).exec();
  }

  async findRun(id: string): Promise<DigestRunDoc | undefined> {
    return (await this.runs.findById(id).lean<DigestRunDoc>().exec()) ?? undefined;
  }
}
