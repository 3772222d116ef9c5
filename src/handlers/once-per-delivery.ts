import type { Logger } from 'probot';
import { BoundedMap } from '../github/bounded-map.js';

/**
 * Deliveries remembered: GitHub redelivers within minutes to hours (its own retries, or someone
 * pressing "Redeliver"), and this many deliveries span far longer at any realistic volume.
 */
const MAX_DELIVERIES = 5_000;

const handled = new BoundedMap<string, true>(MAX_DELIVERIES);

/**
 * Forgets a delivery whose queued review threw before it could report on its check run, so that
 * redelivering it is how an operator retries it, as for a handler that threw.
 */
export function forgetDelivery(id: string): void {
  handled.delete(id);
}

/**
 * A delivery GitHub sends again (same `X-GitHub-Delivery` id) does no work twice: no second check
 * run, review or summary edit. A delivery whose handler threw is forgotten, so redelivering it is
 * how an operator retries it.
 */
export function oncePerDelivery<C extends { id: string; log: Logger }>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    if (handled.has(context.id)) {
      context.log.info({ delivery: context.id }, 'Delivery already handled: ignored');
      return;
    }
    handled.set(context.id, true);
    try {
      await handler(context);
    } catch (error) {
      handled.delete(context.id);
      throw error;
    }
  };
}
