import type { FastifyInstance } from 'fastify';
import { and, eq, gte } from 'drizzle-orm';
import { db } from '../db';
import { emails, emailEvents } from '../schema';

interface ReportParams {
  appId: string;
}

export default async function reportRoutes(app: FastifyInstance) {
  app.get<{ Params: ReportParams; Querystring: { since: string } }>('/apps/:appId/reports/deliverability', async (request) => {
    const { appId } = request.params;
    const since = new Date(request.query.since);
    const sent = await db
      .select({ id: emails.id, domain: emails.recipientDomain })
      .from(emails)
      .where(and(eq(emails.appId, appId), gte(emails.createdAt, since)));
    const events = await db
      .select({ emailId: emailEvents.emailId, type: emailEvents.type })
      .from(emailEvents)
      .where(and(eq(emailEvents.appId, appId), gte(emailEvents.createdAt, since)));

    const byDomain: Record<string, { sent: number; bounced: number }> = {};
    for (const email of sent) {
      const bounced = events.some((e) => e.emailId === email.id && e.type === 'bounce');
      const row = (byDomain[email.domain] ??= { sent: 0, bounced: 0 });
      row.sent += 1;
      if (bounced) row.bounced += 1;
    }
    return byDomain;
  });
}
