import { eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { emails, emailEvents } from '../schema';

export async function listWithEvents(appId: string) {
  const rows = await db.select({ id: emails.id, subject: emails.subject }).from(emails)
    .where(eq(emails.appId, appId)).limit(100);
  const events = await db.select({ emailId: emailEvents.emailId, type: emailEvents.type }).from(emailEvents)
    .where(inArray(emailEvents.emailId, rows.map((r) => r.id)));
  const byEmail = new Map<string, typeof events>();
  for (const event of events) byEmail.set(event.emailId, [...(byEmail.get(event.emailId) ?? []), event]);
  return rows.map((r) => ({ ...r, events: byEmail.get(r.id) ?? [] }));
}
