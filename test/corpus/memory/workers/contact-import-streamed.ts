import { Queue, Worker, type Job } from 'bullmq';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { connection } from '../redis.js';
import { logger } from '../logger.js';

interface ImportJob {
  listId: string;
  path: string;
  format: 'csv' | 'txt';
}

const BATCH = 1000;
const contactQueue = new Queue('contact-upsert', { connection });

async function importPlainText(job: Job<ImportJob>) {
  const lines = createInterface({ input: createReadStream(job.data.path), crlfDelay: Infinity });
  let batch: { name: string; data: { listId: string; email: string } }[] = [];
  let imported = 0;
  for await (const line of lines) {
    const email = line.trim();
    if (!email) continue;
    batch.push({ name: 'upsert', data: { listId: job.data.listId, email } });
    if (batch.length >= BATCH) {
      await contactQueue.addBulk(batch);
      imported += batch.length;
      batch = [];
      await job.updateProgress({ imported });
    }
  }
  if (batch.length > 0) await contactQueue.addBulk(batch);
}

async function importCsv(job: Job<ImportJob>) {
  const parser = createReadStream(job.data.path).pipe(parse({ columns: true, trim: true }));
  let imported = 0;
  for await (const record of parser as AsyncIterable<{ email: string; name?: string }>) {
    await contactQueue.add('upsert', { listId: job.data.listId, email: record.email, name: record.name });
    if (++imported % BATCH === 0) await job.updateProgress({ imported });
  }
}

export const importWorker = new Worker<ImportJob>(
  'contact-import',
  async (job) => {
    const started = performance.now();
    if (job.data.format === 'txt') await importPlainText(job);
    else await importCsv(job);
    logger.info({ jobId: job.id, ms: performance.now() - started }, 'import done');
  },
  { connection, concurrency: 2 },
);

process.on('SIGTERM', async () => {
  await importWorker.close();
  await contactQueue.close();
});
