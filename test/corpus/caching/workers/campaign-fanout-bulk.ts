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

/** Expands a campaign into send jobs, one addBulk per page of contacts. */
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

    await sendQueue.addBulk(
      page.map((contact) => ({
        name: 'send',
        data: { appId, campaignId, contactId: contact.id, to: contact.email },
        opts: { jobId: `${campaignId}:${contact.id}` },
      })),
    );
    cursor = page[page.length - 1]!.id;
    await job.updateProgress({ cursor });
  }
}
