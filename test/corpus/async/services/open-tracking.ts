import { eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { emails } from '../schema';
import { analytics } from '../analytics';

export function recordOpen(appId: string, emailId: string, userAgent: string) {
  db.update(emails)
    .set({ opens: sql`${emails.opens} + 1`, lastOpenedAt: new Date() })
    .where(eq(emails.id, emailId))
    .then(() => analytics.track(appId, 'email.opened', { emailId, userAgent }));
}
