import { Queue, Worker, type Job } from 'bullmq';
import { connection } from '../redis/connection';
import { recipientsPage } from '../services/campaigns';
import { jobDuration } from '../metrics';

interface FanoutJob {
  campaignId: string;
  appId: string;
  cursor?: string;
}

const fanoutQueue = new Queue<FanoutJob>('fanout', { connection });

async function fanout(job: Job<FanoutJob>) {
  const started = Date.now();
  const sends = new Queue('send', { connection });
  const page = await recipientsPage(job.data.appId, job.data.campaignId, job.data.cursor, 1_000);
  await sends.addBulk(
    page.recipients.map((r) => ({ name: 'send', data: { appId: job.data.appId, emailId: r.emailId, to: r.address } })),
  );
  if (page.nextCursor) {
    await fanoutQueue.add('fanout', { ...job.data, cursor: page.nextCursor });
  }
  jobDuration.observe({ queue: 'fanout' }, Date.now() - started);
}

export const fanoutWorker = new Worker<FanoutJob>('fanout', fanout, { connection, concurrency: 4 });
