/** Who acted: a technician, the customer, or the system itself (a service's decision, a device). */
export interface Actor {
  kind: 'technician' | 'customer' | 'system';
  id?: string;
  name?: string;
}

/** What the portal remembers of one lifecycle event: one entry per event id. */
export interface TimelineEntry {
  /** the event id: a redelivered event maps to the same entry */
  id: string;
  applianceId: string;
  customerId?: string;
  /** the event type without its version, e.g. `installation.completed` */
  type: string;
  eventType: string;
  time: string;
  actor: Actor;
  summary: string;
  /** the appliance's description, carried by the purchase entry only */
  appliance?: ApplianceDescription;
  /** what the status projection needs beyond the type (e.g. a diagnosis outcome) */
  outcome?: string;
  /**
   * the topic the event came on and when it arrived: one appliance's events of one topic share a
   * partition and are consumed in publication order, so arrival orders them more truly than the
   * producer's clock (two events written together may carry times a millisecond apart either way)
   */
  position?: { stream: string; offset: number };
}

export interface ApplianceDescription {
  serialNumber: string;
  category: string;
  sku: string;
  brand?: string;
  model?: string;
  orderId: string;
  purchasedAt: string;
  warrantyEndsAt: string;
  installationRequired: boolean;
}
