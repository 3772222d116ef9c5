import { Worker } from 'bullmq';
import { PrismaClient } from '@prisma/client';
import { connection } from '../redis.js';
import { logger } from '../logger.js';

const prisma = new PrismaClient();
const inFlight = new Set<string>();
const CONCURRENT_CALLS = 20;

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
    if (inFlight.has(job.data.eventId)) return;
    inFlight.add(job.data.eventId);
    try {
      const endpoints = await prisma.webhookEndpoint.findMany({
        where: { appId: job.data.appId, enabled: true, events: { has: job.data.type } },
        select: { id: true, url: true, secret: true },
        take: 500,
      });
      for (let i = 0; i < endpoints.length; i += CONCURRENT_CALLS) {
        const slice = endpoints.slice(i, i + CONCURRENT_CALLS);
        await Promise.all(
          slice.map((e) =>
            fetch(e.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-signature': sign(e.secret, job.data.payload) },
              body: JSON.stringify(job.data.payload),
              signal: AbortSignal.timeout(5_000),
            }),
          ),
        );
        await job.updateProgress(Math.round(((i + slice.length) / endpoints.length) * 100));
      }
      logger.info({ jobId: job.id, endpoints: endpoints.length, ms: Date.now() - started }, 'webhooks delivered');
    } finally {
      inFlight.delete(job.data.eventId);
    }
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
