import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { and, eq, gt } from 'drizzle-orm';
import { db, emailEvents, emails } from '../db.js';
import { eventsByEmail } from '../services/email-events.js';

// Read once at start-up: a synchronous read here blocks nothing but the boot.
const unsubscribeFooter = readFileSync(new URL('../templates/footer.html', import.meta.url), 'utf8');

export async function emailRoutes(app: FastifyInstance) {
  // N+1: the events of each email are loaded by their own query.
  app.get('/apps/:appId/emails/recent', async (request) => {
    const { appId } = request.params as { appId: string };
    const recent = await db.select({ id: emails.id, subject: emails.subject }).from(emails)
      .where(eq(emails.appId, appId)).limit(50);
    for (const email of recent) {
      const events = await db.select({ type: emailEvents.type, at: emailEvents.createdAt }).from(emailEvents)
        .where(eq(emailEvents.emailId, email.id));
      Object.assign(email, { events });
    }
    return recent;
  });

  // Near miss: the same page, with the events batch-loaded in one query.
  app.get('/apps/:appId/emails', async (request) => {
    const { appId } = request.params as { appId: string };
    const { cursor, limit = 50 } = request.query as { cursor?: string; limit?: number };
    const page = await db.select({ id: emails.id, subject: emails.subject, status: emails.status }).from(emails)
      .where(and(eq(emails.appId, appId), cursor ? gt(emails.id, cursor) : undefined))
      .limit(Math.min(limit, 100) + 1);
    const events = await eventsByEmail(page.slice(0, limit).map((email) => email.id));
    return {
      data: page.slice(0, limit).map((email) => ({ ...email, events: events.get(email.id) ?? [] })),
      cursor: page.length > limit ? page[limit - 1]!.id : null,
    };
  });

  // Blocks the event loop: every request waits for a synchronous disk read.
  app.get('/apps/:appId/emails/:id/preview', async (request, reply) => {
    const { id } = request.params as { id: string };
    const template = readFileSync(new URL('../templates/preview.html', import.meta.url), 'utf8');
    const [email] = await db.select({ htmlBody: emails.htmlBody }).from(emails).where(eq(emails.id, id)).limit(1);
    return reply.type('text/html').send(template.replace('{{body}}', email?.htmlBody ?? '') + unsubscribeFooter);
  });

  // Near miss: the asynchronous read leaves the event loop free.
  app.get('/apps/:appId/emails/:id/text', async (request, reply) => {
    const { id } = request.params as { id: string };
    const layout = await readFile(new URL('../templates/text.txt', import.meta.url), 'utf8');
    const [email] = await db.select({ textBody: emails.textBody }).from(emails).where(eq(emails.id, id)).limit(1);
    return reply.type('text/plain').send(layout.replace('{{body}}', email?.textBody ?? ''));
  });
}
