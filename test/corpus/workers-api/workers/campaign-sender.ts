import { Worker, type Job } from 'bullmq';
import { connection } from '../redis';
import { renderTemplate } from '../templates';
import { transport } from '../smtp';
import { jobDuration } from '../metrics';

interface CampaignJob {
  campaignId: string;
  recipients: { email: string; name: string }[];
}

const worker = new Worker<CampaignJob>(
  'campaigns',
  async (job: Job<CampaignJob>) => {
    const end = jobDuration.startTimer({ queue: 'campaigns' });
    try {
      const html = await renderTemplate(job.data.campaignId);
      for (const recipient of job.data.recipients) {
        await transport.sendMail({ to: recipient.email, subject: 'News', html });
      }
    } finally {
      end();
    }
  },
  { connection, concurrency: 4 },
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await worker.close();
    process.exit(0);
  });
}
