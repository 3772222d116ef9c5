import { Worker } from 'bullmq';
import { PrismaClient } from '@prisma/client';
import { connection } from '../redis.js';
import { logger } from '../logger.js';

const prisma = new PrismaClient();
const delivered = new Set<string>();

interface EventJob {
  eventId: string;
  appId: string;
  type: string;
  payload: unknown;
}

export const fanoutWorker = new Worker<EventJob>(
  'webhook-fanout',
  async (job) => {
    const started = Date.now();
    if (delivered.has(job.data.eventId)) return;
    const endpoints = await prisma.webhookEndpoint.findMany({
      where: { appId: job.data.appId, enabled: true, events: { has: job.data.type } },
      select: { id: true, url: true, secret: true },
    });
    await Promise.all(
      endpoints.map((e) =>
        fetch(e.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': sign(e.secret, job.data.payload) },
          body: JSON.stringify(job.data.payload),
          signal: AbortSignal.timeout(5_000),
        }),
      ),
    );
    delivered.add(job.data.eventId);
    logger.info({ jobId: job.id, endpoints: endpoints.length, ms: Date.now() - started }, 'webhooks delivered');
  },
  { connection, concurrency: 20 },
);

function sign(secret: string, payload: unknown): string {
  return Buffer.from(`${secret}:${JSON.stringify(payload)}`).toString('base64url');
}

process.on('SIGTERM', async () => {
  await fanoutWorker.close();
  await prisma.$disconnect();
});
