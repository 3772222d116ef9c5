import { Worker, type Job } from 'bullmq';
import { connection } from '../redis/connection';
import { suppress } from '../services/suppressions';
import { jobDuration } from '../metrics';
import { pool } from '../db/pool-configured';

interface BounceJob {
  appId: string;
  address: string;
  kind: 'hard' | 'soft';
}

async function handleBounce(job: Job<BounceJob>) {
  const end = jobDuration.startTimer({ queue: 'bounces' });
  try {
    if (job.data.kind === 'hard') await suppress({ appId: job.data.appId, address: job.data.address, reason: 'bounce' });
  } finally {
    end();
  }
}

const worker = new Worker<BounceJob>('bounces', handleBounce, { connection, concurrency: 20 });

async function shutdown(signal: string) {
  console.info(`${signal}: draining bounce worker`);
  await worker.close();
  await pool.end();
  await connection.quit();
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
