import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { eq } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { db, emails } from '../db.js';

// One connection and one pooled transport for the whole process, not one per job.
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const transport = createTransport({ pool: true, maxConnections: 10, host: process.env.SMTP_HOST });

type SendJob = { emailId: string };

async function send(job: Job<SendJob>) {
  const [email] = await db
    .select({ id: emails.id, to: emails.to, subject: emails.subject, htmlBody: emails.htmlBody })
    .from(emails)
    .where(eq(emails.id, job.data.emailId))
    .limit(1);
  if (!email) return;
  await transport.sendMail({ to: email.to, subject: email.subject, html: email.htmlBody });
  await db.update(emails).set({ status: 'sent' }).where(eq(emails.id, email.id));
}

// No concurrency: BullMQ's default of 1 sends one email at a time, far from 50 emails/s per worker.
export const sendWorker = new Worker<SendJob>('send-email', send, { connection });

// Near miss: concurrency set, and the worker closes cleanly on shutdown.
export const bounceWorker = new Worker<SendJob>('process-bounce', send, { connection, concurrency: 25 });

process.once('SIGTERM', async () => {
  await Promise.all([sendWorker.close(), bounceWorker.close()]);
  transport.close();
  await connection.quit();
});
