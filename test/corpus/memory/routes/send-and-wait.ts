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
    return new Promise<{ messageId: string }>((resolve, reject) => {
      sendEvents.on('completed', ({ jobId, returnvalue }) => {
        if (jobId === job.id) resolve(JSON.parse(returnvalue) as { messageId: string });
      });
      sendEvents.on('failed', ({ jobId, failedReason }) => {
        if (jobId === job.id) reject(new Error(failedReason));
      });
    });
  });
}
