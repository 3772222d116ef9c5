import type { Job } from 'bullmq';
import { and, eq, gt } from 'drizzle-orm';
import { db } from '../db';
import { contacts } from '../db/schema';
import { sendQueue } from '../queues';

interface CampaignJob {
  appId: string;
  campaignId: string;
  listId: string;
}

const PAGE_SIZE = 1000;

/** Expands a campaign into one send job per contact of its list. */
export async function processCampaign(job: Job<CampaignJob>) {
  const { appId, campaignId, listId } = job.data;
  let cursor = '';
  for (;;) {
    const page = await db
      .select({ id: contacts.id, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.appId, appId), eq(contacts.listId, listId), gt(contacts.id, cursor)))
      .orderBy(contacts.id)
      .limit(PAGE_SIZE);
    if (page.length === 0) break;

    for (const contact of page) {
      await sendQueue.add('send', { appId, campaignId, contactId: contact.id, to: contact.email });
    }
    cursor = page[page.length - 1]!.id;
    await job.updateProgress({ cursor });
  }
}
