import {
  Address,
  ApplianceLink,
  Priority,
  PurchaseItem,
  PurchaseRecorded,
  TimeWindow,
} from '@appliance-care/contracts';

import { applianceIdFor, installationIdFor } from './appliance-identity';
import { ChecklistItem, InstallationCatalogue } from './installation-catalogue';
import { MaintenancePlanCatalogue } from './maintenance-plan.catalogue';
import { attachSchedule, MaintenanceScheduleState } from './maintenance-schedule';
import { warrantyEndsAt } from './warranty.policy';

export interface PlannedAppliance {
  applianceId: string;
  serialNumber: string;
  sku: string;
  category: string;
  brand?: string;
  model?: string;
  lineId?: string;
  customerId: string;
  orderId: string;
  purchasedAt: string;
  warrantyMonths: number;
  warrantyEndsAt: string;
  region?: string;
  installationRequired: boolean;
  installationId?: string;
  /** the plan's schedule, attached with the registration when the appliance's category has a plan */
  maintenance?: MaintenanceScheduleState;
  /** the purchase item's price, when the sales system gave one */
  price?: number;
  /** a warranty replacement's link to the appliance it replaces */
  replaces?: ApplianceLink;
}

export interface PlannedInstallation {
  installationId: string;
  applianceId: string;
  customerId: string;
  orderId: string;
  serialNumber: string;
  category: string;
  requiredSkill: string;
  durationMinutes: number;
  priority: Priority;
  checklist: ChecklistItem[];
  region: string;
  address: Address;
  preferredWindow?: TimeWindow;
}

export interface PurchasePlan {
  orderId: string;
  customerId: string;
  appliances: PlannedAppliance[];
  installations: PlannedInstallation[];
}

/**
 * What a purchase means for this service, computed without touching the store: an appliance per
 * item (id from the serial, warranty end, its maintenance schedule when its category has a plan, due
 * from the purchase date) and an installation job per item that needs one.
 * Assumes checkPurchaseRules passed (an installation implies an address).
 */
export function planPurchase(
  purchase: PurchaseRecorded,
  catalogue: InstallationCatalogue,
  plans?: MaintenancePlanCatalogue,
): PurchasePlan {
  const customerId = purchase.customer.id;
  const address = purchase.customer.address;
  const appliances: PlannedAppliance[] = [];
  const installations: PlannedInstallation[] = [];
  for (const item of purchase.items) {
    const appliance = applianceFor(purchase, item);
    // a visit needs an address: an appliance bought without one gets its plan by REST later
    const maintenancePlan = address && plans?.planFor(item);
    if (maintenancePlan)
      appliance.maintenance = attachSchedule(maintenancePlan, address, purchase.purchasedAt, 'registration');
    appliances.push(appliance);
    if (item.installation?.required && address) {
      const profile = catalogue.profileFor(item.category);
      appliance.installationId = installationIdFor(appliance.applianceId);
      installations.push({
        installationId: appliance.installationId,
        applianceId: appliance.applianceId,
        customerId,
        orderId: purchase.orderId,
        serialNumber: item.serialNumber,
        category: item.category,
        requiredSkill: profile.requiredSkill,
        durationMinutes: profile.durationMinutes,
        priority: profile.priority,
        checklist: profile.checklist,
        region: address.region,
        address,
        preferredWindow: item.installation.preferredWindow,
      });
    }
  }
  return { orderId: purchase.orderId, customerId, appliances, installations };
}

function applianceFor(purchase: PurchaseRecorded, item: PurchaseItem): PlannedAppliance {
  return {
    applianceId: applianceIdFor(item.serialNumber),
    serialNumber: item.serialNumber,
    sku: item.sku,
    category: item.category,
    brand: item.brand,
    model: item.model,
    lineId: item.lineId,
    customerId: purchase.customer.id,
    orderId: purchase.orderId,
    purchasedAt: purchase.purchasedAt,
    warrantyMonths: item.warrantyMonths,
    warrantyEndsAt: warrantyEndsAt(purchase.purchasedAt, item.warrantyMonths),
    region: purchase.customer.address?.region,
    installationRequired: item.installation?.required ?? false,
    price: item.price,
  };
}
