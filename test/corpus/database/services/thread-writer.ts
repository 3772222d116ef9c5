import { inArray } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emailEvents, emails } from '../db/schema.js';

export async function recordChain(emailIds: string[]) {
  let previous: string | null = null;
  for (const emailId of emailIds) {
    const [event] = await db
      .insert(emailEvents)
      .values({ emailId, type: previous ? `follows:${previous}` : 'first' })
      .returning({ id: emailEvents.id });
    previous = event!.id;
  }
  return previous;
}

export async function applyStatuses(byStatus: Map<string, string[]>) {
  for (const [status, ids] of byStatus) {
    await db.update(emails).set({ status }).where(inArray(emails.id, ids));
  }
}
