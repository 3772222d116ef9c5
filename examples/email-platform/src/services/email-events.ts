import { gt, inArray } from 'drizzle-orm';
import { db, emailEvents, emails } from '../db.js';

type EmailEvent = { emailId: string; type: string; createdAt: Date };

/** The events of many emails in one query, grouped in memory: 2 round-trips per page, not 1 + N. */
export async function eventsByEmail(emailIds: string[]): Promise<Map<string, EmailEvent[]>> {
  const byEmail = new Map<string, EmailEvent[]>();
  if (emailIds.length === 0) return byEmail;
  const rows = await db
    .select({ emailId: emailEvents.emailId, type: emailEvents.type, createdAt: emailEvents.createdAt })
    .from(emailEvents)
    .where(inArray(emailEvents.emailId, emailIds));
  for (const row of rows) byEmail.set(row.emailId, [...(byEmail.get(row.emailId) ?? []), row]);
  return byEmail;
}

/** Near miss: cursor pagination runs one query per page, and each page needs the previous cursor. */
export async function* allEmailIds(pageSize = 1000) {
  let cursor = '';
  for (let page = 0; page < 10_000; page++) {
    const rows = await db.select({ id: emails.id }).from(emails).where(gt(emails.id, cursor)).orderBy(emails.id).limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((row) => row.id);
    cursor = rows[rows.length - 1]!.id;
  }
}

/** Near miss: one multi-row insert per chunk of 1,000, not one insert per event. */
export async function recordEvents(events: EmailEvent[]) {
  for (let i = 0; i < events.length; i += 1000) {
    await db.insert(emailEvents).values(events.slice(i, i + 1000));
  }
}

/** Reads every column, html_body included, for a listing that shows three of them. */
export async function searchEmails(appId: string) {
  return db.select().from(emails).where(inArray(emails.appId, [appId])).limit(100);
}
