import type { FastifyInstance } from 'fastify';
import { count, eq } from 'drizzle-orm';
import { db } from '../db/client.js';
import { emails } from '../db/schema.js';

export async function emailRoutes(app: FastifyInstance) {
  app.get('/emails', async (request) => {
    const { appId } = request.user;
    return db
      .select({ id: emails.id, recipient: emails.recipient, subject: emails.subject, status: emails.status })
      .from(emails)
      .where(eq(emails.appId, appId));
  });

  app.get('/emails/stats', async () => {
    const [{ total }] = await db.select({ total: count() }).from(emails);
    return { total };
  });
}
