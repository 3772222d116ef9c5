import { Worker, type Job } from 'bullmq';
import { connection } from '../redis';
import { logger } from '../logger';

interface WebhookJob {
  url: string;
  event: { type: string; emailId: string };
}

async function deliver(job: Job<WebhookJob>) {
  const response = await fetch(job.data.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(job.data.event),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

export const webhookWorker = new Worker<WebhookJob>('webhooks', deliver, {
  connection,
  concurrency: 25,
});

process.on('SIGTERM', async () => {
  logger.info('closing webhook worker');
  await webhookWorker.close();
});
