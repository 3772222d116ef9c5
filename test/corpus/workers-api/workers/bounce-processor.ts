import { Worker, type Job } from 'bullmq';
import CircuitBreaker from 'opossum';
import { connection } from '../redis';
import { markBounced } from '../services/suppressions';
import { jobDuration } from '../metrics';

const crm = new CircuitBreaker(
  (payload: unknown) =>
    fetch('https://crm.internal/bounces', {
      method: 'POST',
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(3_000),
    }),
  { timeout: 5_000, errorThresholdPercentage: 50, resetTimeout: 30_000 },
);

async function processBounce(job: Job<{ emailId: string; address: string; code: number }>) {
  const start = performance.now();
  await markBounced(job.data.address, job.data.code);
  await crm.fire({ emailId: job.data.emailId, code: job.data.code });
  jobDuration.observe({ queue: 'bounces' }, performance.now() - start);
}

export const bounceWorker = new Worker('bounces', processBounce, { connection, concurrency: 10 });

process.on('SIGTERM', async () => {
  await bounceWorker.close();
});
