import { ApprovalsPanel } from './approvals.component';
import { DamagedPanel } from './damaged-items.component';
import { LateSerialsPanel } from './late-serials.component';

import './library.css';

/** A librarian's technical services (issue 21): records to approve, damaged items to triage, late serials. */
export function TechnicalServicesPage() {
  return (
    <section aria-labelledby="services-title" className="library">
      <h1 id="services-title">Technical services</h1>
      <ApprovalsPanel />
      <DamagedPanel />
      <LateSerialsPanel />
    </section>
  );
}
