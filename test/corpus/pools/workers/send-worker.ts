import { Worker, type Job } from 'bullmq';
import { connection } from '../redis/connection';
import { transport } from '../smtp/pooled-transport';
import { markSent } from '../services/emails';
import { jobDuration } from '../metrics';

interface SendJob {
  emailId: string;
  appId: string;
  to: string;
  subject: string;
  html: string;
}

async function sendOne(job: Job<SendJob>) {
  const end = jobDuration.startTimer({ queue: 'send' });
  try {
    const info = await transport.sendMail({ to: job.data.to, subject: job.data.subject, html: job.data.html });
    await markSent(job.data.appId, job.data.emailId, info.messageId);
  } finally {
    end();
  }
}

const worker = new Worker<SendJob>('send', sendOne, { connection, concurrency: 50 });

worker.on('failed', (job, error) => {
  console.error(`send ${job?.id} failed: ${error.message}`);
});
