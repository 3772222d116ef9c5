import { eq } from 'drizzle-orm';
import { db } from '../db';
import { emails, emailEvents } from '../schema';

export async function listWithEvents(appId: string) {
  const rows = await db.select({ id: emails.id, subject: emails.subject }).from(emails)
    .where(eq(emails.appId, appId)).limit(100);
  for (const email of rows) {
    const events = await db.select({ type: emailEvents.type }).from(emailEvents).where(eq(emailEvents.emailId, email.id));
    Object.assign(email, { events });
  }
  return rows;
}
