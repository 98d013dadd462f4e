import { Injectable } from '@nestjs/common';

import {
  LibraryCataloguingCompleted,
  LibraryCataloguingReturned,
  LibraryCataloguingSubmitted,
  LibrarySerialClaimed,
  LibrarySerialIssueReceived,
} from '@appliance-care/contracts';

import { LibraryDigestRepository } from '../persistence/library-digest.repository';

type IssueFact = Pick<LibrarySerialClaimed, 'subscriptionId' | 'title' | 'branch' | 'volume' | 'number' | 'expectedOn'>;
type ItemFact = Pick<LibraryCataloguingSubmitted, 'itemId' | 'branch' | 'title' | 'barcode'>;

const issueOf = ({ subscriptionId, title, branch, volume, number, expectedOn }: IssueFact) => ({
  subscriptionId,
  title,
  branch,
  volume,
  number,
  expectedOn,
});
const itemOf = ({ itemId, branch, title, barcode }: ItemFact) => ({ _id: itemId, branch, title, barcode });

/**
 * The digest's read model, from library-services' events: late serials (claimed, not received) and
 * original cataloguing waiting for approval. Every write is conditional on the fact being newer, so
 * a redelivery or a replayed older fact changes nothing.
 */
@Injectable()
export class LibraryDigestFacts {
  constructor(private readonly repository: LibraryDigestRepository) {}

  serialClaimed(claim: LibrarySerialClaimed): Promise<void> {
    return this.repository.claimed(issueOf(claim), claim.claimCount, claim.claimedAt);
  }

  issueReceived(issue: LibrarySerialIssueReceived): Promise<void> {
    return this.repository.received(issueOf(issue), issue.receivedOn);
  }

  cataloguingSubmitted(fact: LibraryCataloguingSubmitted): Promise<void> {
    return this.repository.approvalChanged({
      ...itemOf(fact),
      status: 'waiting',
      technicianId: fact.technicianId,
      submittedAt: fact.submittedAt,
      at: fact.submittedAt,
    });
  }

  /** Approved (completed) or sent back (returned): no longer waiting for a librarian. */
  cataloguingClosed(fact: LibraryCataloguingCompleted | LibraryCataloguingReturned): Promise<void> {
    const at = 'completedAt' in fact ? fact.completedAt : fact.returnedAt;
    return this.repository.approvalChanged({ ...itemOf(fact), status: 'closed', at });
  }
}
