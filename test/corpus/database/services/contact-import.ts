import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { contacts } from '../db/schema.js';

export interface ContactRow {
  email: string;
  name?: string;
}

export async function importContacts(appId: string, rows: ContactRow[]) {
  await db
    .insert(contacts)
    .values(rows.map((r) => ({ appId, email: r.email.toLowerCase(), name: r.name ?? null })))
    .onConflictDoNothing();
}

export async function unsubscribedCount(appId: string) {
  const unsubscribed = await db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.appId, appId), eq(contacts.subscribed, false)));
  return unsubscribed.length;
}
