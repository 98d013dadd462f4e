import { mintToken, Principal, Role } from '@appliance-care/auth';

/** The claim that carries a caller's own id, for the roles that see only their own data. */
const OWN_ID_CLAIM: Partial<Record<Role, 'customerId' | 'technicianId' | 'patronId'>> = {
  customer: 'customerId',
  technician: 'technicianId',
  'library-technician': 'technicianId',
  patron: 'patronId',
};

/** One token per caller, minted once with the local development secret (as `npm run token` does). */
export class SimulatorTokens {
  private readonly tokens = new Map<string, Promise<string>>();

  get(role: Role, id?: string): Promise<string> {
    const key = `${role}|${id ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      const claim = OWN_ID_CLAIM[role];
      const principal: Principal = { sub: id ?? `simulator-${role}`, roles: [role], ...(claim ? { [claim]: id } : {}) };
      token = mintToken(principal);
      this.tokens.set(key, token);
    }
    return token;
  }
}
