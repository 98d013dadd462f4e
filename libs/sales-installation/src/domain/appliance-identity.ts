import { createHash } from 'node:crypto';

const digest = (prefix: string, value: string): string =>
  `${prefix}-${createHash('sha256').update(value).digest('hex').slice(0, 24).toUpperCase()}`;

/** One appliance per serial number, whatever path or delivery registers it: the id is derived from the serial. */
export const applianceIdFor = (serialNumber: string): string => digest('APL', `serial:${serialNumber}`);

/** One installation job per appliance; failed or rescheduled visits are attempts of the same job. */
export const installationIdFor = (applianceId: string): string => digest('INS', `installation:${applianceId}`);
