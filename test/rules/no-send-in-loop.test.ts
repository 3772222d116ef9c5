import rule from '../../src/rules/no-send-in-loop.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'addBulk: one round-trip for every job',
      code: `
import { Queue } from 'bullmq';
const emails = new Queue('emails');
export async function fanOut(recipients: { email: string }[]) {
  await emails.addBulk(recipients.map((r) => ({ name: 'send', data: { to: r.email } })));
}`,
    },
    {
      name: 'chunked: one addBulk per chunk of 1,000',
      code: `
import { Queue } from 'bullmq';
import { chunk } from 'lodash-es';
const emails = new Queue('emails');
export async function fanOut(jobs: { name: string; data: object }[]) {
  for (const batch of chunk(jobs, 1000)) {
    await emails.add('batch', { jobs: batch });
  }
}`,
    },
    {
      name: 'a retry of one message: the same message each attempt',
      code: `
import nodemailer from 'nodemailer';
const transport = nodemailer.createTransport({ pool: true, host: 'smtp.example.com' });
export async function deliver(message: { to: string; html: string }) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await transport.sendMail(message);
    } catch (error) {
      await new Promise((r) => setTimeout(r, 2 ** attempt * 1000));
    }
  }
}`,
    },
    {
      name: 'a fixed list of admins written in the code',
      code: `
import { transport } from './mailer';
const ADMINS = ['ops@example.com', 'oncall@example.com'];
export async function alert(text: string) {
  for (const to of ADMINS) {
    await transport.sendMail({ to, subject: 'Bounce rate alert', text });
  }
}`,
    },
    {
      name: 'for await over a stream consumer: one message per event is the design',
      code: `
import { transport } from './mailer';
export async function consume(messages: AsyncIterable<{ to: string; html: string }>) {
  for await (const message of messages) {
    await transport.sendMail(message);
  }
}`,
    },
    {
      name: 'one email to every recipient at once (to: list)',
      code: `
import { transport } from './mailer';
export async function announce(recipients: string[], html: string) {
  const bcc = recipients.map((r) => r.trim());
  await transport.sendMail({ to: 'news@example.com', bcc, subject: 'News', html });
}`,
    },
    {
      name: 'repeatable jobs: a schedule per entry, and addBulk ignores `repeat`',
      code: `
import { Queue } from 'bullmq';
const maintenance = new Queue('maintenance');
const SCHEDULES = { purge: '0 3 * * *', digest: '0 8 * * 1' };
async function main() {
  for (const [name, pattern] of Object.entries(SCHEDULES)) {
    await maintenance.add(name, {}, { repeat: { pattern } });
  }
}
main();`,
    },
    {
      name: 'the loop does not feed the send: one send after building the list',
      code: `
import { transport } from './mailer';
export async function digest(events: { type: string }[], to: string) {
  const lines: string[] = [];
  for (const e of events) lines.push(e.type);
  await transport.sendMail({ to, subject: 'Digest', text: lines.join('\\n') });
}`,
    },
  ],
  invalid: [
    {
      name: 'for…of over recipients, awaiting transport.sendMail each time',
      code: `
import { transport } from './mailer';
export async function sendCampaign(recipients: { email: string }[], html: string) {
  for (const r of recipients) {
    await transport.sendMail({ to: r.email, subject: 'Hello', html });
  }
}`,
      errors: [{ messageId: 'mail', line: 5 }],
    },
    {
      name: 'queue.add per recipient in a BullMQ processor',
      code: `
import { Queue, Worker } from 'bullmq';
const sends = new Queue('send');
new Worker('campaign', async (job) => {
  for (const contact of job.data.contacts) {
    await sends.add('send', { to: contact.email, campaignId: job.data.id });
  }
});`,
      errors: [{ messageId: 'queue', line: 6 }],
    },
    {
      name: 'SendGrid send per recipient in forEach',
      code: `
import sgMail from '@sendgrid/mail';
export function notify(users: { email: string }[]) {
  users.forEach((u) => {
    void sgMail.send({ to: u.email, from: 'no-reply@example.com', subject: 'Hi', text: 'Hi' });
  });
}`,
      errors: [{ messageId: 'provider', line: 5 }],
    },
    {
      name: 'a counted loop over recipients with a local queue',
      code: `
import { emailQueue } from './queues';
export async function enqueueAll(appId: string, to: string[]) {
  for (let i = 0; i < to.length; i++) {
    await emailQueue.add('send', { appId, to: to[i] });
  }
}`,
      errors: [{ messageId: 'queue', line: 5 }],
    },
    {
      name: 'Promise.all over recipients with sendMail',
      code: `
import nodemailer from 'nodemailer';
const transport = nodemailer.createTransport({ pool: true, host: 'smtp.example.com' });
export async function blast(recipients: string[]) {
  await Promise.all(recipients.map((to) => transport.sendMail({ to, subject: 'Hi', text: 'Hi' })));
}`,
      errors: [{ messageId: 'mail', line: 5 }],
    },
  ],
});
