import { ReactNode } from 'react';

import { LibraryItem } from './library.api';
import { STATUS_LABEL } from './library.labels';

/** What the work is done on: the item's title, barcode, format, branch and status. */
export function ItemFacts({ item, children }: { item: LibraryItem; children?: ReactNode }) {
  return (
    <dl className="item-facts">
      <dt>Title</dt>
      <dd>{item.title}</dd>
      <dt>Barcode</dt>
      <dd>{item.barcode}</dd>
      <dt>Format</dt>
      <dd>{item.format}</dd>
      <dt>Branch</dt>
      <dd>{item.branch}</dd>
      <dt>Status</dt>
      <dd data-testid="item-status">{STATUS_LABEL[item.status]}</dd>
      {children}
    </dl>
  );
}
