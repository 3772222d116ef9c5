import { and, eq, lt } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/index.js';

export async function stuckEmails(olderThan: Date) {
  return db
    .select({ id: emails.id, appId: emails.appId })
    .from(emails)
    .where(and(eq(emails.status, 'sending'), lt(emails.createdAt, olderThan)))
    .limit(500);
}

export async function campaignDeliveries(campaignId: string) {
  return db
    .select({ id: emails.id, status: emails.status })
    .from(emails)
    .where(eq(emails.campaignId, campaignId))
    .limit(1000);
}
