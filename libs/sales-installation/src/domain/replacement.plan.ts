import { Address, ApplianceLink } from '@appliance-care/contracts';

import { applianceIdFor, installationIdFor } from './appliance-identity';
import { InstallationCatalogue } from './installation-catalogue';
import { PlannedAppliance, PlannedInstallation } from './purchase.plan';
import { replacementWarranty, ReplacementWarrantyRule } from './replacement-warranty.policy';

/** What is known of the appliance being replaced: its product facts (not its schedule: the replacement gets its own). */
export type ReplacedAppliance = Omit<PlannedAppliance, 'replaces' | 'installationId' | 'maintenance'>;

export interface ReplacementApproval {
  ticketId: string;
  approvedAt: string;
  /** the replacement unit's serial, when the dispatcher gave it */
  replacementSerialNumber?: string;
}

export interface ReplacementPlan {
  replacement: PlannedAppliance;
  installation?: PlannedInstallation;
  /** the link written on the retired appliance */
  replacedBy: ApplianceLink;
  warrantyReason: string;
}

const SERIAL_MAX = 64;

/**
 * The serial the replacement is registered under: the one the dispatcher gave, else a placeholder
 * derived from the old serial (deterministic, so a redelivered approval finds the same appliance).
 */
export const replacementSerialFor = (old: string, given?: string): string => given ?? `RMA-${old}`.slice(0, SERIAL_MAX);

/**
 * The replacement appliance: same product, order and customer, a new id and serial, the warranty
 * by the configured rule, linked to the one it replaces; an installation job when the old one
 * needed one (and the customer's address is known).
 */
export function planReplacement(
  old: ReplacedAppliance,
  approval: ReplacementApproval,
  rule: ReplacementWarrantyRule,
  catalogue: InstallationCatalogue,
  address?: Address,
): ReplacementPlan {
  const serialNumber = replacementSerialFor(old.serialNumber, approval.replacementSerialNumber);
  const applianceId = applianceIdFor(serialNumber);
  const warranty = replacementWarranty(rule, old, approval.approvedAt);
  const replacement: PlannedAppliance = {
    ...old,
    applianceId,
    serialNumber,
    warrantyMonths: warranty.warrantyMonths,
    warrantyEndsAt: warranty.warrantyEndsAt,
    replaces: { applianceId: old.applianceId, serialNumber: old.serialNumber, ticketId: approval.ticketId },
  };
  const replacedBy = { applianceId, serialNumber, ticketId: approval.ticketId };
  if (!old.installationRequired || !address) return { replacement, replacedBy, warrantyReason: warranty.reason };
  const profile = catalogue.profileFor(old.category);
  replacement.installationId = installationIdFor(applianceId);
  const installation: PlannedInstallation = {
    installationId: replacement.installationId,
    applianceId,
    customerId: old.customerId,
    orderId: old.orderId,
    serialNumber,
    category: old.category,
    requiredSkill: profile.requiredSkill,
    durationMinutes: profile.durationMinutes,
    priority: profile.priority,
    checklist: profile.checklist,
    region: address.region,
    address,
  };
  return { replacement, installation, replacedBy, warrantyReason: warranty.reason };
}
