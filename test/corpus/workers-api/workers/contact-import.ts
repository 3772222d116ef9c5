import { Worker, type Job } from 'bullmq';
import { connection } from '../redis';
import { upsertContacts } from '../services/contacts';
import { parseCsv } from '../csv';

const CHUNK = 500;

async function importContacts(job: Job<{ appId: string; fileKey: string }>) {
  const startedAt = Date.now();
  const rows = await parseCsv(job.data.fileKey);
  for (let i = 0; i < rows.length; i += CHUNK) {
    await upsertContacts(job.data.appId, rows.slice(i, i + CHUNK));
    await job.updateProgress(Math.round(((i + CHUNK) / rows.length) * 100));
  }
  return { imported: rows.length, ms: Date.now() - startedAt };
}

const worker = new Worker('contact-imports', importContacts, { connection, concurrency: 2 });

process.on('SIGTERM', () => {
  void worker.close();
});
