import { Inject, Injectable, Logger } from '@nestjs/common';

import { DeviceFaultReported, EventEnvelope } from '@appliance-care/contracts';
import { BusinessRuleError, Correlation, definedOnlyDeep } from '@appliance-care/platform';

import { decideFaultHold } from '../domain/fault-hold.policy';
import { deadLetterEntry, HeldFaultRepository } from '../persistence/held-fault.repository';
import { FaultOrigin, HeldFaultDocument } from '../persistence/held-fault.schema';
import { DIAGNOSTICS_SETTINGS, DiagnosticsSettings } from './diagnostics.settings';
import { ProblemIntake } from './problem-intake.service';

type FaultEvent = EventEnvelope<DeviceFaultReported>;

/** What became of a held fault when its appliance was looked for again. */
export type HeldFaultOutcome = 'released' | 'still-unknown' | 'given-up' | 'waiting';

/**
 * Device faults whose appliance is not known yet (purchase and first fault can be minutes apart, and
 * the registration travels on another topic). Such a fault is held in the store, so that its
 * partition goes on at once: released when its appliance.registered.v1 copy is stored, given up
 * (dead-lettered as unknown-serial) by the sweep once its event time + DEVICE_FAULT_HOLD_MINUTES passed.
 */
@Injectable()
export class HeldFaults {
  private readonly logger = new Logger(HeldFaults.name);

  constructor(
    private readonly intake: ProblemIntake,
    private readonly holds: HeldFaultRepository,
    @Inject(DIAGNOSTICS_SETTINGS) private readonly settings: DiagnosticsSettings,
  ) {}

  /**
   * Opens or adds to the fault's case; from an unknown serial the fault is held until its time plus
   * the hold. One already past its hold (a replay from the DLQ, a backlog) is dead-lettered at once.
   */
  async faultReported(event: FaultEvent, origin: FaultOrigin): Promise<void> {
    if (await this.intake.reportByDevice(event.id, event.data)) return;
    const { serialNumber } = event.data;
    const decision = this.decide(event, new Date());
    if (!decision.hold) throw new BusinessRuleError('unknown-serial', decision.reason, { serialNumber });
    const held: HeldFaultDocument = {
      _id: event.id,
      serialNumber,
      event: definedOnlyDeep(event) as unknown as Record<string, unknown>,
      origin: { topic: origin.topic, partition: origin.partition, offset: origin.offset },
      status: 'held',
      heldUntil: decision.until,
      createdAt: new Date(),
    };
    if (await this.holds.hold(held))
      this.logger.log({ eventId: event.id, serialNumber, heldUntil: decision.until }, 'device fault held');
  }

  /**
   * The appliances of these serials were just stored: their held faults open their cases. Never
   * throws (the registration is stored whatever happens here): what fails is retried by the sweep.
   */
  async release(serialNumbers: readonly string[]): Promise<void> {
    if (serialNumbers.length === 0) return;
    try {
      for (const held of await this.holds.heldFor(serialNumbers)) await this.retry(held, new Date());
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'releasing held faults failed; the sweep retries');
    }
  }

  /** One held fault looked at again: released if its appliance is known, given up when its hold is over. */
  async retry(held: HeldFaultDocument, now: Date): Promise<HeldFaultOutcome> {
    const event = held.event as unknown as FaultEvent;
    // as if it had just arrived: the same cause, so the same case id and event ids however often it runs
    const cause = { correlationId: event.correlationid, causationId: event.id };
    const result = await Correlation.run(cause, () => this.intake.reportByDevice(event.id, event.data));
    if (result) {
      await this.holds.markReleased(held._id);
      this.logger.log({ eventId: held._id, caseId: result.caseId, outcome: result.outcome }, 'held fault released');
      return 'released';
    }
    if (new Date(held.heldUntil) > now) return 'waiting';
    return (await this.giveUp(held, event, now)) ? 'given-up' : 'still-unknown';
  }

  private async giveUp(held: HeldFaultDocument, event: FaultEvent, now: Date): Promise<boolean> {
    const reason = { code: 'unknown-serial', message: this.decide(event, now).reason };
    const given = await this.holds.markGivenUp(held._id, deadLetterEntry(held, reason, this.settings.consumerGroup));
    if (given) this.logger.warn({ eventId: held._id, serialNumber: held.serialNumber }, 'held fault given up');
    return given;
  }

  private decide(event: FaultEvent, now: Date) {
    return decideFaultHold(event.data.serialNumber, new Date(event.time), now, this.settings.deviceFaultHoldMinutes);
  }
}
