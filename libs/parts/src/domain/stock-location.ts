/** A region's depot: where shortages are ordered to and where a van's technician collects from. */
export const depotOf = (region: string): string => `depot:${region}`;

/** A technician's van: the first place a repair's parts are taken from when the technician is known. */
export const vanOf = (technicianId: string): string => `van:${technicianId}`;

/** Whose van a location is (undefined for a depot). */
export const vanOwner = (location: string): string | undefined =>
  location.startsWith('van:') ? location.slice('van:'.length) : undefined;

/** The id of the stock row of one sku at one location. */
export const stockRowId = (location: string, sku: string): string => `${location}|${sku}`;

/**
 * A map key for an id in a stored document: field names may hold neither '.' nor a leading '$'
 * (ids may contain dots), so both, and the escape character itself, are escaped.
 */
export const fieldKey = (id: string): string => id.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24');
