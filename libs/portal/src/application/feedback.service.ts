import { Injectable } from '@nestjs/common';

import { InvalidLinkError, LinkSigner } from '@appliance-care/auth';
import { deterministicUuid, EventFactory } from '@appliance-care/messaging';
import { BusinessRuleError } from '@appliance-care/platform';

import {
  FeedbackAnswer,
  feedbackFrom,
  feedbackIdFor,
  FeedbackJob,
  FeedbackLink,
  FeedbackRecord,
  FeedbackRefusal,
  linkedJob,
} from '../domain/feedback';
import { FeedbackRepository } from '../persistence/feedback.repository';
import { KpiFactRepository } from '../persistence/kpi-fact.repository';
import { TimelineRepository } from '../persistence/timeline.repository';
import { FeedbackSurvey } from './feedback.views';

export const FEEDBACK_PATH = '/api/v1/feedback';

/**
 * Why a link is refused, as its holder is told: never 401/403 (a link is no login). A forged link,
 * one for something else, or one naming a job the portal does not know is absent (404); an expired
 * one is gone (410); a job answered already conflicts (409).
 */
export function linkRefused(reason: InvalidLinkError['reason'] | FeedbackRefusal): BusinessRuleError {
  if (reason === 'expired')
    return new BusinessRuleError('link-expired', new InvalidLinkError('expired').message, {}, 410);
  if (reason === 'used')
    return new BusinessRuleError('feedback-given', 'feedback for this job was given already: thank you', {}, 409);
  const message = reason === 'wrong-purpose' ? new InvalidLinkError(reason).message : 'this link is not valid';
  return new BusinessRuleError('link-not-found', message, {}, 404);
}

interface OpenedLink {
  link: FeedbackLink;
  job: FeedbackJob;
  expiresAt: Date;
}

/** The survey behind a feedback link (GET) and the answer to it (POST): once per job. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly signer: LinkSigner,
    private readonly facts: KpiFactRepository,
    private readonly timeline: TimelineRepository,
    private readonly feedback: FeedbackRepository,
    private readonly events: EventFactory,
  ) {}

  async survey(token: string): Promise<FeedbackSurvey> {
    const { job, expiresAt } = await this.open(token);
    if (await this.feedback.exists(feedbackIdFor(job.kind, job.sourceId))) throw linkRefused('used');
    const appliance = await this.timeline.applianceOf(job.applianceId);
    return {
      kind: job.kind,
      sourceId: job.sourceId,
      workOrderId: job.workOrderId,
      ...(appliance
        ? {
            appliance: {
              category: appliance.category,
              brand: appliance.brand,
              model: appliance.model,
              serialNumber: appliance.serialNumber,
            },
          }
        : {}),
      technician: { id: job.technicianId, name: job.technicianName },
      when: job.doneAt ?? job.window.from,
      expiresAt: expiresAt.toISOString(),
      answerAt: FEEDBACK_PATH,
    };
  }

  /** Stores the answer with its customer.feedback-given.v1 in one write; 409 when the job was answered. */
  async give(token: string, answer: FeedbackAnswer, now = new Date()): Promise<FeedbackRecord> {
    const { link, job } = await this.open(token, now);
    const record = feedbackFrom(link, job, answer, now);
    const { linkId: _linkId, ...data } = record;
    const event = this.events.create('customer.feedback-given.v1', data, {
      subject: record.applianceId,
      // one job, one feedback, one event id: whatever request carried it
      id: deterministicUuid(`customer.feedback-given|${record.feedbackId}`),
    });
    if (!(await this.feedback.insert(record, [event]))) throw linkRefused('used');
    return record;
  }

  /** Verifies the link (signature, expiry, purpose) and finds its job in the read model. */
  private async open(token: string, now = new Date()): Promise<OpenedLink> {
    const claims = await this.signer.verify(token, 'feedback', now).catch((err: unknown) => {
      throw err instanceof InvalidLinkError ? linkRefused(err.reason) : err;
    });
    const link: FeedbackLink = {
      kind: claims.ref ?? '',
      sourceId: claims.subject,
      customerId: claims.customerId,
      linkId: claims.linkId,
    };
    const found = linkedJob(link, await this.facts.ofSource(link.sourceId));
    if ('refused' in found) throw linkRefused(found.refused);
    return { link, job: found.job, expiresAt: claims.expiresAt };
  }
}
