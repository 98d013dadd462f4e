import { Inject, Injectable, Logger } from '@nestjs/common';

import { deterministicUuid } from '@appliance-care/messaging';

import {
  BranchDigest,
  composeDigest,
  digestDue,
  digestRunId,
  supervisorRecipientId,
  WaitingApproval,
} from '../domain/library-digest';
import { CHANNELS, defaultPreferences, Recipient } from '../domain/recipient';
import { ApprovalDoc } from '../persistence/library-digest-source.schema';
import { LibraryDigestRepository } from '../persistence/library-digest.repository';
import { RecipientRepository } from '../persistence/recipient.repository';
import { NotificationPlanner } from './notification-planner';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';

const DIGEST_TARGET = {
  recipientKind: 'library-supervisor',
  template: 'library-supervisor-digest',
  urgency: 'normal',
} as const;

/**
 * The supervisors' daily digest: every LIBRARY_DIGEST_SWEEP_MS it looks whether today's digest is
 * due (LIBRARY_DIGEST_AT, UTC) and, for each branch, claims the day's run with a conditional write
 * (its _id is branch and day: of two instances racing, one wins; a run whose instance died is taken
 * over after its lease), reads the late serials and waiting approvals, and plans one message per
 * supervisor through the planner — whose once-key (run, supervisor, channel) makes a repeated run send
 * nothing new. Everything is in the store: restart-safe.
 */
@Injectable()
export class LibraryDigestJob {
  private readonly logger = new Logger(LibraryDigestJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repository: LibraryDigestRepository,
    private readonly recipients: RecipientRepository,
    private readonly planner: NotificationPlanner,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.runDue(this.config.libraryDigest.clock())
        .then(() => undefined)
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'library digest failed'))
        .finally(() => (this.running = undefined));
    }, this.config.libraryDigest.sweepMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Sends each branch's digest of the day if it is due by the job's clock (`now`) and not sent yet;
   * returns the branches this call sent. The messages are planned at the real time (`plannedAt`), so
   * that the delivery worker sends them at once whatever the clock says.
   */
  async runDue(now: Date, plannedAt = new Date()): Promise<string[]> {
    const date = digestDue(now, this.config.libraryDigest.atMinutes);
    if (!date) return [];
    const sent: string[] = [];
    for (const branch of Object.keys(this.config.libraryDigest.supervisors))
      if (await this.runBranch(branch, date, now, plannedAt)) sent.push(branch);
    return sent;
  }

  private async runBranch(branch: string, date: string, now: Date, plannedAt: Date): Promise<boolean> {
    const runId = digestRunId(branch, date);
    if (!(await this.repository.claimRun(runId, branch, date, now, this.config.libraryDigest.leaseMs))) return false;
    const digest = await this.digestOf(branch, date);
    // a branch with nothing to report gets no mail: the run is recorded done, nobody is told
    const notifications = digest ? await this.send(runId, digest, plannedAt) : 0;
    await this.repository.finishRun(
      runId,
      { lateSerials: digest?.lateSerials.length ?? 0, approvals: digest?.approvals.length ?? 0, notifications },
      now,
    );
    if (digest) this.logger.log({ branch, date, notifications }, 'library digest planned');
    return notifications > 0;
  }

  private async digestOf(branch: string, date: string): Promise<BranchDigest | undefined> {
    const [serials, approvals] = await Promise.all([
      this.repository.lateSerials(branch),
      this.repository.waitingApprovals(branch),
    ]);
    return composeDigest(
      branch,
      date,
      serials.map(({ subscriptionId, title, volume, number, expectedOn, claimCount, lastClaimedAt }) => ({
        subscriptionId,
        title,
        volume,
        number,
        expectedOn,
        claimCount: claimCount ?? 1,
        ...(lastClaimedAt ? { lastClaimedAt } : {}),
      })),
      await this.withCataloguers(approvals),
    );
  }

  /** "submitted by": the cataloguer's name when notifications knows the technician, else their id. */
  private async withCataloguers(approvals: ApprovalDoc[]): Promise<WaitingApproval[]> {
    const ids = approvals.flatMap((a) => (a.technicianId ? [a.technicianId] : []));
    const known = await this.recipients.findMany(ids);
    return approvals.map((a) => ({
      itemId: a._id,
      title: a.title,
      barcode: a.barcode,
      submittedBy: (a.technicianId && known.get(a.technicianId)?.contacts?.name) || a.technicianId || 'unknown',
      submittedAt: a.submittedAt ?? a.at,
    }));
  }

  private async send(runId: string, digest: BranchDigest, now: Date): Promise<number> {
    const supervisors = this.config.libraryDigest.supervisors[digest.branch] ?? [];
    const ids = supervisors.map((s) => supervisorRecipientId(digest.branch, s.email));
    const stored = await this.recipients.findMany(ids);
    const source = { id: runId, type: 'library.supervisor-digest', correlationId: deterministicUuid(runId) };
    let planned = 0;
    for (const [index, supervisor] of supervisors.entries()) {
      const id = ids[index];
      // stored at start (LibrarySupervisorRecipients) with any preferences; configuration otherwise
      const recipient: Recipient = stored.get(id)?.contacts
        ? (stored.get(id) as Recipient)
        : {
            id,
            contacts: {
              kind: 'library-supervisor',
              name: supervisor.name,
              email: supervisor.email,
              locale: supervisor.locale ?? 'en-GB',
            },
            preferences: defaultPreferences(),
          };
      const target = { ...DIGEST_TARGET, recipientId: id };
      const data = { ...digest } as unknown as Record<string, unknown>;
      planned += (await this.planner.planFor(source, target, recipient, data, CHANNELS, now)).length;
    }
    return planned;
  }
}
