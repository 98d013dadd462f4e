import { Inject, Injectable } from '@nestjs/common';

import { NotFoundError } from '@appliance-care/kernel';

import { IssueView, issueViews, lateIssues, SubscriptionState } from '../domain/subscription';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import { SERIALS_SETTINGS, SerialsSettings } from './serials.settings';

export type SubscriptionSummary = Omit<SubscriptionState, 'issues' | 'version'>;
export type SubscriptionDetail = SubscriptionSummary & { issues: IssueView[] };
export type LateIssue = IssueView &
  Pick<SubscriptionState, 'subscriptionId' | 'title' | 'branch' | 'vendor'> & { graceDays: number };

const summaryOf = ({ issues: _i, version: _v, ...summary }: SubscriptionState): SubscriptionSummary => summary;

/** What staff read of the serials: the subscriptions, one with its predicted issues, and the late-issues list. */
@Injectable()
export class SerialQueries {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    @Inject(SERIALS_SETTINGS) private readonly settings: SerialsSettings,
  ) {}

  private today(): string {
    return this.settings.clock().toISOString().slice(0, 10);
  }

  async list(branch?: string): Promise<SubscriptionSummary[]> {
    return (await this.subscriptions.list(branch)).map(summaryOf);
  }

  async one(subscriptionId: string): Promise<SubscriptionDetail> {
    const found = await this.subscriptions.find(subscriptionId);
    if (!found) throw new NotFoundError('subscription', subscriptionId);
    return { ...summaryOf(found), issues: issueViews(found, this.today()) };
  }

  /** Every issue late or claimed and not received, oldest expected first (a branch's only when given). */
  async late(branch?: string): Promise<LateIssue[]> {
    const today = this.today();
    const found = await this.subscriptions.withIssuesMissingBefore(today, branch);
    const late = found.flatMap((s) =>
      lateIssues(s, today).map((issue) => ({
        subscriptionId: s.subscriptionId,
        title: s.title,
        branch: s.branch,
        vendor: s.vendor,
        graceDays: s.pattern.graceDays,
        ...issue,
      })),
    );
    return late.sort(
      (a, b) =>
        a.expectedOn.localeCompare(b.expectedOn) ||
        a.subscriptionId.localeCompare(b.subscriptionId) ||
        a.volume - b.volume ||
        a.number - b.number,
    );
  }
}
