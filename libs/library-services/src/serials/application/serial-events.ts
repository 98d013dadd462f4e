import { EventEnvelope } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';

import { volumeItemId } from '../domain/publication-pattern';
import { ClaimDecision, SerialIssueRecord } from '../domain/serial-claim.policy';
import { SubscriptionState } from '../domain/subscription';

/** The serials' events, each keyed (and its subject) by the subscription. */
export class SerialEvents {
  constructor(private readonly factory: EventFactory) {}

  started(state: SubscriptionState): EventEnvelope {
    const { subscriptionId, title, issn, branch, vendor, pattern, startedAt } = state;
    const data = { subscriptionId, title, ...(issn ? { issn } : {}), branch, vendor, pattern, startedAt };
    return this.factory.create('library.subscription.started.v1', data, { subject: subscriptionId });
  }

  issueReceived(state: SubscriptionState, issue: SerialIssueRecord, wasClaimed: boolean): EventEnvelope {
    const { volume, number, expectedOn } = issue;
    return this.factory.create(
      'library.serial.issue-received.v1',
      {
        ...this.ref(state),
        volume,
        number,
        expectedOn,
        receivedOn: issue.receivedOn as string,
        checkedInBy: issue.checkedInBy as string,
        wasClaimed,
        receivedAt: issue.receivedAt as string,
      },
      { subject: state.subscriptionId },
    );
  }

  claimed(state: SubscriptionState, claim: ClaimDecision, claimedAt: string): EventEnvelope {
    return this.factory.create(
      'library.serial.claimed.v1',
      { ...this.ref(state), ...claim, vendor: state.vendor, claimedAt },
      { subject: state.subscriptionId },
    );
  }

  volumeCompleted(state: SubscriptionState, volume: number, completedAt: string): EventEnvelope {
    return this.factory.create(
      'library.serial.volume-completed.v1',
      { ...this.ref(state), volume, itemId: volumeItemId(state.subscriptionId, volume), completedAt },
      { subject: state.subscriptionId },
    );
  }

  private ref(state: SubscriptionState) {
    return { subscriptionId: state.subscriptionId, title: state.title, branch: state.branch };
  }
}
