import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, desc, eq, gte } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/schema.js';

const REPORT_TEMPLATE = join(import.meta.dirname, '..', 'templates', 'daily-report.html');

export default async function reportRoutes(app: FastifyInstance) {
  app.get<{ Params: { appId: string } }>('/apps/:appId/reports/daily', async (request, reply) => {
    const since = new Date(Date.now() - 24 * 3600 * 1000);
    const [failures, template] = await Promise.all([
      db
        .select({ id: emails.id, to: emails.to, error: emails.lastError })
        .from(emails)
        .where(and(eq(emails.appId, request.params.appId), eq(emails.status, 'failed'), gte(emails.createdAt, since)))
        .orderBy(desc(emails.createdAt))
        .limit(50),
      readFile(REPORT_TEMPLATE, 'utf8'),
    ]);
    const html = template.replace('{{failures}}', JSON.stringify(failures));
    return reply.type('text/html').send(html);
  });
}
