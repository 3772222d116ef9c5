import { eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emailEvents, emails } from '../db/schema.js';

export async function byMessageId(messageId: string) {
  const rows = await db
    .select({ id: emails.id, appId: emails.appId, status: emails.status })
    .from(emails)
    .where(eq(emails.messageId, messageId));
  return rows[0] ?? null;
}

export async function withEvents(emailIds: string[]) {
  const events = await db
    .select({ emailId: emailEvents.emailId, type: emailEvents.type })
    .from(emailEvents)
    .where(inArray(emailEvents.emailId, emailIds));
  const byEmail = new Map<string, string[]>();
  for (const event of events) byEmail.set(event.emailId, [...(byEmail.get(event.emailId) ?? []), event.type]);
  return byEmail;
}
