/**
 * Why: kafkajs 2.2.4 (unmaintained since 2023) re-arms a timer in every broker connection's request
 * queue after each check, even with nothing pending and no throttle: `setTimeout(check, throttledUntil
 * - now)` with a negative delay fires after 1 ms, forever. Measured: an idle consumer process used
 * 4 % of a core (CPU profile: scheduleCheckPendingRequests), six idle services about 20 %. With nothing
 * pending and no throttle there is nothing to check — a new request or a response checks the queue
 * itself — so the timer is armed only then. Applied once, to the pinned version only.
 */
import { createRequire } from 'node:module';

const PATCHED = Symbol.for('appliance-care.kafkajs-idle-timer-fix');

interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

function applyKafkaJsIdleTimerFix(): boolean {
  const load = createRequire(__filename);
  const version = (load('kafkajs/package.json') as { version: string }).version;
  if (version !== '2.2.4') return false; // another version: look again before patching it
  const RequestQueue = load('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueLike & { [PATCHED]?: true };
  };
  const proto = RequestQueue.prototype;
  if (proto[PATCHED]) return true;
  const original = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueLike) {
    if (this.pending.length === 0 && !(this.throttledUntil > Date.now())) return;
    original.call(this);
  };
  proto[PATCHED] = true;
  return true;
}

applyKafkaJsIdleTimerFix();
