export const ROLES = [
  'sales-system',
  'customer',
  'technician',
  'dispatcher',
  'admin',
  // the library's technical services: supervisors, the technicians they supervise, and library users
  'librarian',
  'library-technician',
  'patron',
] as const;
export type Role = (typeof ROLES)[number];

/** Who calls: taken from a verified bearer JWT (SPEC §5). */
export interface Principal {
  sub: string;
  roles: Role[];
  customerId?: string;
  technicianId?: string;
  /** a library user's id (role patron) */
  patronId?: string;
}

export const hasRole = (p: Principal, ...roles: Role[]): boolean => roles.some((r) => p.roles.includes(r));

/** Staff who may see everyone's data. */
export const isStaff = (p: Principal): boolean => hasRole(p, 'admin', 'dispatcher');

/** A customer sees only their own data; staff see all. */
export const canAccessCustomer = (p: Principal, customerId: string | undefined): boolean =>
  isStaff(p) || (hasRole(p, 'customer') && p.customerId !== undefined && p.customerId === customerId);

/** A technician sees only their own work; staff see all. */
export const canAccessTechnician = (p: Principal, technicianId: string | undefined): boolean =>
  isStaff(p) || (hasRole(p, 'technician') && p.technicianId !== undefined && p.technicianId === technicianId);
