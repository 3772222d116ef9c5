import { and, count, eq, gte } from 'drizzle-orm';
import { db } from '../db';
import { emails, invoices } from '../schema';

export async function closeBillingPeriod(appId: string, periodStart: Date) {
  return db.transaction(async (tx) => {
    const [sent] = await tx
      .select({ total: count() })
      .from(emails)
      .where(and(eq(emails.appId, appId), gte(emails.createdAt, periodStart)));
    const [previous] = await tx
      .select({ id: invoices.id, total: invoices.total })
      .from(invoices)
      .where(eq(invoices.appId, appId))
      .limit(1);
    const [invoice] = await tx
      .insert(invoices)
      .values({ appId, periodStart, total: sent.total, previousId: previous?.id })
      .returning({ id: invoices.id });
    return invoice;
  });
}
