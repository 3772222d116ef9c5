import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { contacts, emails } from '../db/schema.js';

interface FanOutJob {
  appId: string;
  campaignId: string;
  subject: string;
}

export async function fanOutCampaign(job: Job<FanOutJob>) {
  const { appId, campaignId, subject } = job.data;
  const audience = await db
    .select({ email: contacts.email })
    .from(contacts)
    .where(eq(contacts.appId, appId));
  for (const contact of audience) {
    await db.insert(emails).values({ appId, campaignId, subject, recipient: contact.email, messageId: randomUUID() });
  }
  return { queued: audience.length };
}
