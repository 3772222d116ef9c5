import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { prisma } from '../lib/prisma';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const CONTACT_TTL_SECONDS = 300;

interface ContactParams {
  appId: string;
  contactId: string;
}

export default async function contactRoutes(app: FastifyInstance) {
  app.get<{ Params: ContactParams }>('/apps/:appId/contacts/:contactId', async (request, reply) => {
    const { appId, contactId } = request.params;
    const cached = await redis.get(`contact:${contactId}`);
    if (cached) return JSON.parse(cached);

    const contact = await prisma.contact.findFirst({
      where: { id: contactId, appId },
      select: { id: true, email: true, firstName: true, unsubscribed: true },
    });
    if (!contact) return reply.code(404).send({ error: 'contact not found' });
    await redis.set(`contact:${contactId}`, JSON.stringify(contact), 'EX', CONTACT_TTL_SECONDS);
    return contact;
  });

  app.post<{ Params: ContactParams; Body: { subject: string } }>('/apps/:appId/contacts/:contactId/send', async (request, reply) => {
    const { appId, contactId } = request.params;
    const contact = await prisma.contact.findFirst({ where: { id: contactId, appId }, select: { id: true, unsubscribed: true } });
    if (!contact || contact.unsubscribed) return reply.code(409).send({ error: 'contact cannot receive email' });

    const recipient = await prisma.contact.findFirst({ where: { id: contactId, appId }, select: { id: true, unsubscribed: true } });
    return reply.code(202).send({ queued: true, to: recipient?.id, subject: request.body.subject });
  });
}
