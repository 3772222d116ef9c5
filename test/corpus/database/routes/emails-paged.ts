import type { FastifyInstance } from 'fastify';
import { and, count, eq, gt } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/schema.js';

const MAX_PAGE = 100;

export async function pagedEmailRoutes(app: FastifyInstance) {
  app.get('/v2/emails', async (request) => {
    const { appId } = request.user;
    const { cursor, limit = 50 } = request.query as { cursor?: string; limit?: number };
    const size = Math.min(limit, MAX_PAGE);
    const results = await db
      .select({ id: emails.id, recipient: emails.recipient, subject: emails.subject, status: emails.status })
      .from(emails)
      .where(and(eq(emails.appId, appId), cursor ? gt(emails.id, cursor) : undefined))
      .orderBy(emails.id)
      .limit(size + 1);
    const hasMore = results.length > size;
    return { data: results.slice(0, size), cursor: hasMore ? results[size - 1]!.id : null, hasMore };
  });

  app.get('/v2/emails/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const [email] = await db
      .select({ id: emails.id, recipient: emails.recipient, status: emails.status })
      .from(emails)
      .where(and(eq(emails.id, id), eq(emails.appId, request.user.appId)));
    return email ?? reply.code(404).send({ error: 'not found' });
  });

  app.get('/v2/emails/count', async (request) => {
    const [{ n }] = await db.select({ n: count() }).from(emails).where(eq(emails.appId, request.user.appId));
    return { n };
  });
}
