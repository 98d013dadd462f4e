export interface WaitingLine {
  ticketId: string;
  quantity: number;
  /** when the ticket started waiting: the queue's order */
  waitingSince: string;
}

export interface FulfilmentPlan {
  fulfil: WaitingLine[];
  reason: string;
}

/**
 * Which waiting lines the stock now at a location fills: strictly oldest first, and none overtakes
 * a waiting line the stock cannot fill yet (a small later need never starves an earlier big one).
 */
export function fulfilmentPlan(waiting: readonly WaitingLine[], available: number): FulfilmentPlan {
  const queue = [...waiting].sort(
    (a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.ticketId.localeCompare(b.ticketId),
  );
  const fulfil: WaitingLine[] = [];
  let left = available;
  for (const line of queue) {
    if (line.quantity > left) {
      const reason = `${line.ticketId} needs ${line.quantity}, ${left} left: it and the ${queue.length - fulfil.length - 1} after it wait`;
      return { fulfil, reason };
    }
    fulfil.push(line);
    left -= line.quantity;
  }
  return { fulfil, reason: fulfil.length ? `all ${fulfil.length} waiting filled, ${left} left` : 'nothing waits here' };
}
