import { and, count, eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { contacts } from '../db/schema.js';
import type { ContactRow } from './contact-import.js';

const CHUNK = 1000;

export async function importContactsChunked(appId: string, rows: ContactRow[]) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK).map((r) => ({ appId, email: r.email.toLowerCase(), name: r.name ?? null }));
      await tx.insert(contacts).values(slice).onConflictDoNothing();
    }
  });
}

export async function unsubscribedCount(appId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.appId, appId), eq(contacts.subscribed, false)));
  return n;
}
