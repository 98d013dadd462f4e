import { DEV_JWT_SECRET, loadAuthConfig, TokenVerifier } from '@appliance-care/auth';

import { SimulatorTokens } from './simulator-tokens';

describe('SimulatorTokens', () => {
  // the secret the tokens are minted with: JWT_SECRET when the environment sets one
  const secret = loadAuthConfig().secret ?? DEV_JWT_SECRET;
  const verify = (token: string) => new TokenVerifier({ secret }).verify(token);

  it("puts each role's own id in the claim its services read", async () => {
    const tokens = new SimulatorTokens();
    await expect(verify(await tokens.get('customer', 'C-1'))).resolves.toMatchObject({ sub: 'C-1', customerId: 'C-1' });
    await expect(verify(await tokens.get('library-technician', 'LT-1'))).resolves.toMatchObject({
      roles: ['library-technician'],
      technicianId: 'LT-1',
    });
    await expect(verify(await tokens.get('patron', 'P-1'))).resolves.toMatchObject({ patronId: 'P-1' });
    await expect(verify(await tokens.get('librarian'))).resolves.toMatchObject({ sub: 'simulator-librarian' });
  });

  it('mints a caller its token once', () => {
    const tokens = new SimulatorTokens();
    expect(tokens.get('patron', 'P-1')).toBe(tokens.get('patron', 'P-1'));
    expect(tokens.get('patron', 'P-2')).not.toBe(tokens.get('patron', 'P-1'));
  });
});
