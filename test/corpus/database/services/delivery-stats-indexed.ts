import { and, desc, eq, gte } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emailEvents, emails } from '../db/index.js';

export async function recentBounces(appId: string, since: Date) {
  return db
    .select({ id: emails.id, recipient: emails.recipient })
    .from(emails)
    .where(and(eq(emails.appId, appId), gte(emails.createdAt, since), eq(emails.status, 'bounced')))
    .orderBy(desc(emails.createdAt))
    .limit(200);
}

export async function markDelivered(messageId: string) {
  await db.update(emails).set({ status: 'delivered' }).where(eq(emails.messageId, messageId));
}

export async function eventsOf(emailId: string) {
  return db
    .select({ type: emailEvents.type, createdAt: emailEvents.createdAt })
    .from(emailEvents)
    .where(eq(emailEvents.emailId, emailId))
    .limit(100);
}
