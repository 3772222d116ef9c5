import type { FastifyInstance } from 'fastify';
import { pipeline } from 'node:stream/promises';
import { and, asc, eq, gt } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/schema.js';

const PAGE = 1000;

export default async function exportRoutes(app: FastifyInstance) {
  app.get<{ Params: { appId: string } }>('/apps/:appId/emails/export.csv', async (request, reply) => {
    reply.raw.writeHead(200, {
      'content-type': 'text/csv',
      'content-disposition': `attachment; filename="emails-${request.params.appId}.csv"`,
    });
    reply.raw.write('id,to,status\n');
    let cursor = '';
    for (;;) {
      const page = await db
        .select({ id: emails.id, to: emails.to, status: emails.status })
        .from(emails)
        .where(and(eq(emails.appId, request.params.appId), gt(emails.id, cursor)))
        .orderBy(asc(emails.id))
        .limit(PAGE);
      if (page.length === 0) break;
      const chunk = page.map((r) => `${r.id},${r.to},${r.status}`).join('\n');
      if (!reply.raw.write(chunk + '\n')) await new Promise((resolve) => reply.raw.once('drain', resolve));
      cursor = page[page.length - 1]!.id;
    }
    reply.raw.end();
    return reply;
  });

  app.post<{ Params: { appId: string } }>('/apps/:appId/suppressions/import', async (request, reply) => {
    const upload = await request.file();
    if (!upload) return reply.code(400).send({ error: 'file required' });
    await pipeline(upload.file, app.suppressions.importStream(request.params.appId));
    return reply.code(202).send({ accepted: true });
  });
}
