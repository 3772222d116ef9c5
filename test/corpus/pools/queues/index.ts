import { Queue } from 'bullmq';
import { connection } from '../redis/connection';

const queues = new Map<string, Queue>();

/** One Queue per name for the life of the process. */
export function queueFor(name: string): Queue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection, defaultJobOptions: { removeOnComplete: 1_000, attempts: 5 } });
    queues.set(name, queue);
  }
  return queue;
}

export async function enqueueWebhook(appId: string, event: { type: string; emailId: string }) {
  await queueFor('webhooks').add('deliver', { appId, event }, { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } });
}

export async function closeQueues() {
  await Promise.all([...queues.values()].map((q) => q.close()));
  // A closed queue must not be handed out again.
  queues.clear();
}
