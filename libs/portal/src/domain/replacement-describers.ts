/** What the timeline says of a warranty replacement: on the old appliance's and on the new one's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

const system = { kind: 'system' } as const;

export const replacementDescribers = {
  'repair.replacement-proposed.v1': (d: Data) => ({
    actor: system,
    summary: `Replacement under warranty proposed instead of the repair: ${d['reason']}`,
    outcome: d['trigger'],
  }),
  'repair.replacement-approved.v1': () => ({
    actor: system,
    summary: 'Replacement under warranty approved: the appliance will be replaced, not repaired',
    outcome: 'replacement-approved',
  }),
  // the dispatcher's words stay in repairs: the timeline is the customer's too
  'repair.replacement-rejected.v1': () => ({
    actor: system,
    summary: 'Replacement not approved: the repair goes on',
    outcome: 'replacement-rejected',
  }),
  'appliance.retired.v1': (d: Data) => ({
    actor: system,
    summary: `Retired: replaced under warranty by serial ${d['replacedBy'].serialNumber} (repair ${d['replacedBy'].ticketId})`,
    outcome: 'retired',
  }),
};

/** The registration's words for a replacement appliance, '' for a purchase. */
export const replacesSuffix = (d: Data): string =>
  d['replaces']
    ? `; replaces serial ${d['replaces'].serialNumber} under warranty (repair ${d['replaces'].ticketId})`
    : '';
