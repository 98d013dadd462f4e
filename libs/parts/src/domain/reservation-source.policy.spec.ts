import { mergedLines, reservationSources, shortageLocation } from './reservation-source.policy';

describe('where a repair ticket’s parts are reserved from', () => {
  it('tries the known technician’s van first, then the region’s depot, each with its reason', () => {
    const sources = reservationSources({ region: 'leeds', technicianId: 'T-LDS-001' });
    expect(sources.map((s) => s.location)).toEqual(['van:T-LDS-001', 'depot:leeds']);
    expect(sources[0].reason).toContain('T-LDS-001');
  });

  it('goes to the depot alone when no technician is known yet', () => {
    const sources = reservationSources({ region: 'bristol' });
    expect(sources).toEqual([{ location: 'depot:bristol', reason: expect.stringContaining('no technician known') }]);
  });

  it('orders what nobody has for the region’s depot', () => {
    expect(shortageLocation({ region: 'glasgow' }).location).toBe('depot:glasgow');
  });

  it('reserves one line per sku, the sum of its quantities', () => {
    const lines = mergedLines([
      { sku: 'A', name: 'a', quantity: 1 },
      { sku: 'B', name: 'b', quantity: 2 },
      { sku: 'A', name: 'a', quantity: 2 },
    ]);
    expect(lines).toEqual([
      { sku: 'A', name: 'a', quantity: 3 },
      { sku: 'B', name: 'b', quantity: 2 },
    ]);
  });
});
