import { Schema } from 'mongoose';

export const OPEN_CASE_KEY_MODEL = 'OpenCaseKey';

/**
 * The one case a device fault (appliance + error code) currently points at. Its unique _id is the
 * atomic guard that keeps a storm of repeats on one open case; it is moved (compare-and-set on
 * caseId) only when that case is closed.
 */
export interface OpenCaseKeyDocument {
  _id: string;
  caseId: string;
  updatedAt: string;
}

export const openCaseKeySchema = new Schema<OpenCaseKeyDocument>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  { versionKey: false, collection: 'open_case_keys' },
);

export const openCaseKey = (applianceId: string, errorCode: string): string =>
  `${applianceId}|${errorCode.trim().toUpperCase()}`;
