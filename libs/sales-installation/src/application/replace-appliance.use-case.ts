import { Inject, Injectable, Logger } from '@nestjs/common';

import { EventEnvelope, RepairReplacementApproved } from '@appliance-care/contracts';
import { EventFactory } from '@appliance-care/messaging';
import { definedOnly, NotFoundError } from '@appliance-care/platform';

import { InstallationCatalogue } from '../domain/installation-catalogue';
import { MaintenancePlanCatalogue } from '../domain/maintenance-plan.catalogue';
import { attachSchedule } from '../domain/maintenance-schedule';
import { ReplacementWarrantyRule } from '../domain/replacement-warranty.policy';
import { planReplacement, ReplacedAppliance, ReplacementPlan } from '../domain/replacement.plan';
import { ApplianceRepository } from '../persistence/appliance.repository';
import { ApplianceDocument } from '../persistence/appliance.schema';
import { CustomerRepository } from '../persistence/customer.repository';
import { InstallationRepository } from '../persistence/installation.repository';
import { ReplacementRepository, StoredReplacement } from '../persistence/replacement.repository';
import { installationRequested } from './installation-events';
import { MaintenanceEvents } from './maintenance-events';
import { registration } from './purchase-events';
import { SerialClaims } from './serial-claims';

/** RMA_WARRANTY, read at start-up. */
export const REPLACEMENT_WARRANTY_RULE = Symbol('REPLACEMENT_WARRANTY_RULE');

/**
 * The replaced appliance's product facts, picked by name: its document also holds its outbox and
 * its maintenance schedule, which must never be copied onto the replacement (the copied outbox
 * would publish the old appliance's events again).
 */
const replacedOf = (doc: ApplianceDocument): ReplacedAppliance =>
  definedOnly({
    applianceId: doc._id,
    serialNumber: doc.serialNumber,
    sku: doc.sku,
    category: doc.category,
    brand: doc.brand,
    model: doc.model,
    lineId: doc.lineId,
    customerId: doc.customerId,
    orderId: doc.orderId,
    purchasedAt: doc.purchasedAt,
    warrantyMonths: doc.warrantyMonths,
    warrantyEndsAt: doc.warrantyEndsAt,
    region: doc.region,
    installationRequired: doc.installationRequired,
    price: doc.price,
  }) as ReplacedAppliance;

/**
 * Replaces an appliance under warranty once per approval, without multi-document transactions, in
 * the purchase flow's order (each step idempotent, a redelivery converges):
 *  1. the replacement's serial is claimed (pending) and its installation job inserted if it needs one;
 *  2. the replacement document, keyed by the replaced appliance, is inserted with every event in its
 *     outbox (appliance.registered.v1 with `replaces`, installation.requested.v1, appliance.retired.v1):
 *     the commit point — a redelivery finds it and only repeats step 3;
 *  3. the claim becomes registered and the old appliance retired, linked to its replacement.
 */
@Injectable()
export class ReplaceAppliance {
  private readonly logger = new Logger(ReplaceAppliance.name);

  constructor(
    private readonly appliances: ApplianceRepository,
    private readonly customers: CustomerRepository,
    private readonly installations: InstallationRepository,
    private readonly replacements: ReplacementRepository,
    private readonly claims: SerialClaims,
    private readonly events: EventFactory,
    @Inject(InstallationCatalogue) private readonly catalogue: InstallationCatalogue,
    @Inject(REPLACEMENT_WARRANTY_RULE) private readonly rule: ReplacementWarrantyRule,
    @Inject(MaintenancePlanCatalogue) private readonly plans: MaintenancePlanCatalogue,
  ) {}

  async execute(approval: RepairReplacementApproved, now = new Date()): Promise<'replaced' | 'duplicate'> {
    const done = await this.replacements.find(approval.applianceId);
    if (done) return this.finish(done).then(() => 'duplicate' as const);
    const old = await this.appliances.findRegistered(approval.applianceId);
    if (!old) throw new NotFoundError('appliance', approval.applianceId);
    const customer = await this.customers.find(old.customerId);
    const address = customer?.profile.address;
    const plan = planReplacement(replacedOf(old), approval, this.rule, this.catalogue, address);
    const { replacement, installation } = plan;
    // a new unit starts its own maintenance cycle, as a purchased one does (the old one's ends with it)
    const maintenancePlan = address && this.plans.planFor(replacement);
    if (maintenancePlan)
      replacement.maintenance = attachSchedule(maintenancePlan, address, approval.approvedAt, 'registration');
    const jobs = installation ? [installation] : [];
    await this.claims.claim(
      {
        orderId: replacement.orderId,
        customerId: replacement.customerId,
        appliances: [replacement],
        installations: jobs,
      },
      now,
    );
    await this.installations.insertRequested(jobs, now);
    const record = this.recordOf(old, approval, plan, now);
    const committed = await this.replacements.insert(record, this.eventsOf(old, plan, now));
    await this.finish(committed ? record : ((await this.replacements.find(old._id)) ?? record));
    this.logger.log({ replaced: old._id, by: plan.replacedBy, warranty: plan.warrantyReason }, 'appliance replaced');
    return committed ? 'replaced' : 'duplicate';
  }

  /** Step 3, repeated by every delivery that finds the replacement committed. */
  private async finish(replacement: StoredReplacement): Promise<void> {
    await this.claims.confirm(replacement.orderId, [replacement.replacedBy.applianceId]);
    await this.appliances.retire(replacement._id, replacement.replacedBy, replacement.approvedAt);
  }

  private recordOf(
    old: ApplianceDocument,
    approval: RepairReplacementApproved,
    plan: ReplacementPlan,
    now: Date,
  ): StoredReplacement {
    return {
      _id: old._id,
      ticketId: approval.ticketId,
      customerId: old.customerId,
      replacedSerialNumber: old.serialNumber,
      replacedBy: plan.replacedBy,
      orderId: plan.replacement.orderId,
      warrantyReason: plan.warrantyReason,
      installationId: plan.installation?.installationId,
      approvedAt: approval.approvedAt,
      recordedAt: now,
    };
  }

  /** Per appliance in order: the replacement registered, then its installation requested; the old one retired. */
  private eventsOf(old: ApplianceDocument, plan: ReplacementPlan, now: Date): EventEnvelope[] {
    const { replacement, installation, replacedBy } = plan;
    const subject = { subject: replacement.applianceId };
    const events: EventEnvelope[] = [this.events.create('appliance.registered.v1', registration(replacement), subject)];
    if (replacement.maintenance)
      events.push(new MaintenanceEvents(this.events).planAttached(replacement, replacement.maintenance));
    const requestedAt = now.toISOString();
    if (installation) events.push(installationRequested(this.events, installation, { attempt: 1, requestedAt }));
    const retired = {
      applianceId: old._id,
      serialNumber: old.serialNumber,
      customerId: old.customerId,
      retiredAt: requestedAt,
      reason: 'replaced' as const,
      replacedBy,
    };
    events.push(this.events.create('appliance.retired.v1', retired, { subject: old._id }));
    return events;
  }
}
