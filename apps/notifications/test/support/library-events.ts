import { ev } from './events';

const now = () => new Date().toISOString();
const item = (itemId: string, branch: string, status: string) =>
  ({ itemId, barcode: `BC-${itemId}`, title: `Title of ${itemId}`, branch, status }) as const;

export const holdPlaced = (itemId: string, holdId: string, patronId: string, branch = 'central') =>
  ev(
    'library.hold.placed.v1',
    {
      ...item(itemId, branch, 'processing'),
      status: 'processing',
      holdId,
      patron: {
        patronId,
        name: `Patron ${patronId}`,
        email: `${patronId.toLowerCase()}@patrons.example.org`,
        locale: 'en-GB',
      },
      placedAt: now(),
    },
    itemId,
  );

export const shelfReady = (itemId: string, holdIds: string[], branch = 'central') =>
  ev(
    'library.item.shelf-ready.v1',
    {
      ...item(itemId, branch, 'available'),
      status: 'available',
      technicianId: 'LT-1',
      callNumber: '833.914 SEB',
      holdIds,
      shelfReadyAt: now(),
    },
    itemId,
  );

const issue = (subscriptionId: string, branch: string, number: number) => ({
  subscriptionId,
  title: `Journal ${subscriptionId}`,
  branch,
  volume: 7,
  number,
  expectedOn: '2026-11-01',
});

export const serialClaimed = (subscriptionId: string, branch: string, number: number, claimCount = 1) =>
  ev(
    'library.serial.claimed.v1',
    {
      ...issue(subscriptionId, branch, number),
      vendor: { vendorId: 'V-1', name: 'Periodicals Ltd', email: 'claims@periodicals.example.org' },
      claimCount,
      claimedAt: now(),
    },
    subscriptionId,
  );

export const issueReceived = (subscriptionId: string, branch: string, number: number) =>
  ev(
    'library.serial.issue-received.v1',
    {
      ...issue(subscriptionId, branch, number),
      receivedOn: '2026-11-20',
      checkedInBy: 'LT-1',
      wasClaimed: true,
      receivedAt: now(),
    },
    subscriptionId,
  );

const record = { callNumber: '912 ATL', subjects: [] };

export const cataloguingSubmitted = (itemId: string, branch: string, technicianId = 'LT-1') =>
  ev(
    'library.cataloguing.submitted.v1',
    {
      ...item(itemId, branch, 'awaiting-approval'),
      status: 'awaiting-approval',
      technicianId,
      record,
      submittedAt: now(),
    },
    itemId,
  );

export const cataloguingCompleted = (itemId: string, branch: string) =>
  ev(
    'library.cataloguing.completed.v1',
    {
      ...item(itemId, branch, 'processing'),
      status: 'processing',
      kind: 'original',
      technicianId: 'LT-1',
      approvedBy: 'LIB-1',
      record,
      completedAt: now(),
    },
    itemId,
  );

export const cataloguingReturned = (itemId: string, branch: string) =>
  ev(
    'library.cataloguing.returned.v1',
    {
      ...item(itemId, branch, 'cataloguing'),
      status: 'cataloguing',
      librarianId: 'LIB-1',
      reason: 'subject headings missing',
      returnedAt: now(),
    },
    itemId,
  );
