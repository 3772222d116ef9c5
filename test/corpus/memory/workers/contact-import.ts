import { Queue, Worker, type Job } from 'bullmq';
import { readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { connection } from '../redis.js';
import { logger } from '../logger.js';

interface ImportJob {
  listId: string;
  path: string;
  format: 'csv' | 'txt';
}

const contactQueue = new Queue('contact-upsert', { connection });

async function importPlainText(job: Job<ImportJob>) {
  const text = await readFile(job.data.path, 'utf8');
  const addresses = text.split('\n').map((l) => l.trim()).filter(Boolean);
  await contactQueue.addBulk(addresses.map((email) => ({ name: 'upsert', data: { listId: job.data.listId, email } })));
  return addresses.length;
}

function importCsv(job: Job<ImportJob>): Promise<void> {
  return new Promise((resolve, reject) => {
    const parser = createReadStream(job.data.path).pipe(parse({ columns: true, trim: true }));
    parser.on('data', (record: { email: string; name?: string }) => {
      contactQueue.add('upsert', { listId: job.data.listId, email: record.email, name: record.name });
    });
    parser.on('end', () => resolve());
    parser.on('error', reject);
  });
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
