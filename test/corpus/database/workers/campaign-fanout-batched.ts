import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { db } from '../db/client.js';
import { contacts, emails } from '../db/schema.js';

const PAGE_SIZE = 1000;

interface FanOutJob {
  appId: string;
  campaignId: string;
  subject: string;
}

export async function fanOutCampaignBatched(job: Job<FanOutJob>) {
  const { appId, campaignId, subject } = job.data;
  let cursor = '';
  let queued = 0;
  for (;;) {
    const page = await db
      .select({ id: contacts.id, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.appId, appId), gt(contacts.id, cursor)))
      .orderBy(contacts.id)
      .limit(PAGE_SIZE);
    if (page.length === 0) break;
    await db.insert(emails).values(page.map((c) => ({ appId, campaignId, subject, recipient: c.email, messageId: randomUUID() })));
    queued += page.length;
    cursor = page[page.length - 1]!.id;
    await job.updateProgress({ queued });
  }
  return { queued };
}
