import type { FastifyInstance } from 'fastify';
import { and, eq, gte } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/schema.js';

interface ExportQuery {
  since: string;
}

export default async function exportRoutes(app: FastifyInstance) {
  app.get<{ Params: { appId: string }; Querystring: ExportQuery }>('/apps/:appId/emails/export.csv', async (request, reply) => {
    const since = new Date(request.query.since);
    const rows = await db
      .select({ id: emails.id, to: emails.to, subject: emails.subject, status: emails.status, sentAt: emails.sentAt })
      .from(emails)
      .where(and(eq(emails.appId, request.params.appId), gte(emails.sentAt, since)));

    const header = 'id,to,subject,status,sent_at';
    const body = rows
      .map((r) => [r.id, r.to, JSON.stringify(r.subject), r.status, r.sentAt.toISOString()].join(','))
      .join('\n');

    return reply
      .header('content-type', 'text/csv')
      .header('content-disposition', `attachment; filename="emails-${request.params.appId}.csv"`)
      .send(`${header}\n${body}`);
  });

  app.post<{ Params: { appId: string } }>('/apps/:appId/suppressions/import', async (request, reply) => {
    const upload = await request.file();
    if (!upload) return reply.code(400).send({ error: 'file required' });
    const buffer = await upload.toBuffer();
    const addresses = buffer.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    await app.suppressions.addMany(request.params.appId, addresses);
    return reply.code(202).send({ received: addresses.length });
  });
}
