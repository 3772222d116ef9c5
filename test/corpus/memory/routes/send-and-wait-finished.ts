import type { FastifyInstance } from 'fastify';
import { Queue, QueueEvents } from 'bullmq';
import { connection } from '../redis.js';

const sendQueue = new Queue('send-email', { connection });
const sendEvents = new QueueEvents('send-email', { connection });

interface SendBody {
  to: string;
  templateId: string;
  variables: Record<string, string>;
}

/** Sends one transactional email and answers once the provider has accepted it. */
export default async function sendRoutes(app: FastifyInstance) {
  app.post<{ Body: SendBody }>('/emails/send-sync', async (request) => {
    const job = await sendQueue.add('send', request.body, { removeOnComplete: 1000 });
    return (await job.waitUntilFinished(sendEvents, 30_000)) as { messageId: string };
  });
}
