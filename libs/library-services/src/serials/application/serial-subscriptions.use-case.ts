import { Inject, Injectable } from '@nestjs/common';

import { EventEnvelope } from '@appliance-care/contracts';
import { BusinessRuleError, NotFoundError } from '@appliance-care/kernel';
import { CONFLICT, EventFactory, untilWritten } from '@appliance-care/messaging';

import { ClaimDecision } from '../domain/serial-claim.policy';
import {
  checkIn,
  CheckIn,
  claimLate,
  sameTerms,
  startSubscription,
  SubscriptionState,
  SubscriptionTerms,
} from '../domain/subscription';
import { SubscriptionRepository } from '../persistence/subscription.repository';
import { SerialEvents } from './serial-events';
import { SERIALS_SETTINGS, SerialsSettings } from './serials.settings';

/** Check-ins by staff and claims by every sweeper replica change a subscription: a few more tries. */
const WRITE_ATTEMPTS = 10;

/**
 * The serials use cases. Each reads the subscription, asks the domain (pure functions) for the next
 * state, and writes it with its events in one update conditional on the version read.
 */
@Injectable()
export class SerialSubscriptions {
  private readonly events: SerialEvents;

  constructor(
    private readonly subscriptions: SubscriptionRepository,
    @Inject(SERIALS_SETTINGS) private readonly settings: SerialsSettings,
    factory: EventFactory,
  ) {
    this.events = new SerialEvents(factory);
  }

  async get(subscriptionId: string): Promise<SubscriptionState> {
    const found = await this.subscriptions.find(subscriptionId);
    if (!found) throw new NotFoundError('subscription', subscriptionId);
    return found;
  }

  /** Starts a subscription once: the same terms again answer the stored one (started: false), other terms 409. */
  async start(terms: SubscriptionTerms): Promise<{ subscription: SubscriptionState; started: boolean }> {
    const state = startSubscription(terms, this.settings.clock().toISOString());
    if (await this.subscriptions.insert(state, [this.events.started(state)]))
      return { subscription: state, started: true };
    const stored = await this.get(terms.subscriptionId);
    if (!sameTerms(stored, terms))
      throw new BusinessRuleError(
        'subscription-exists',
        `subscription ${terms.subscriptionId} exists with other terms`,
        { subscriptionId: terms.subscriptionId },
      );
    return { subscription: stored, started: false };
  }

  /** An issue arrived: library.serial.issue-received.v1, and library.serial.volume-completed.v1 for a volume's last one. */
  checkIn(subscriptionId: string, input: Omit<CheckIn, 'receivedAt' | 'receivedOn'> & { receivedOn?: string }) {
    return this.advance(subscriptionId, (read) => {
      const receivedAt = this.settings.clock().toISOString();
      // the day it arrived, unless said: today (UTC)
      const receivedOn = input.receivedOn ?? receivedAt.slice(0, 10);
      const done = checkIn(read, { ...input, receivedOn, receivedAt });
      const events: EventEnvelope[] = [this.events.issueReceived(done.state, done.issue, done.wasClaimed)];
      if (done.completedVolume !== undefined)
        events.push(this.events.volumeCompleted(done.state, done.completedVolume, receivedAt));
      return { state: done.state, events, outcome: done };
    });
  }

  /** One sweep's claims for one subscription (none due: nothing is written). */
  claimLate(subscriptionId: string, now: Date): Promise<ClaimDecision[]> {
    return this.advance(subscriptionId, (read) => {
      const { state, claims } = claimLate(read, now, this.settings.claimsPerWrite);
      const events = claims.map((claim) => this.events.claimed(state, claim, now.toISOString()));
      return { state, events, outcome: claims, unchanged: claims.length === 0 };
    });
  }

  /** Load → decide → one write of the next state with its events, conditional on the version read. */
  private advance<T>(
    subscriptionId: string,
    decide: (read: SubscriptionState) => {
      state: SubscriptionState;
      events: EventEnvelope[];
      outcome: T;
      unchanged?: boolean;
    },
  ): Promise<T> {
    return untilWritten(
      `subscription ${subscriptionId}`,
      async () => {
        const read = await this.get(subscriptionId);
        const step = decide(read);
        if (step.unchanged) return step.outcome;
        return (await this.subscriptions.replace(read, step.state, step.events)) === true ? step.outcome : CONFLICT;
      },
      { attempts: WRITE_ATTEMPTS },
    );
  }
}
