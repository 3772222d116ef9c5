import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { importQueue } from '../queues';

export default async function contactImportRoutes(app: FastifyInstance) {
  app.post<{ Params: { appId: string } }>('/apps/:appId/contacts/import', async (request, reply) => {
    const file = await request.file();
    if (!file) return reply.code(400).send({ error: 'a CSV file is required' });
    const uploadPath = `/var/uploads/${randomUUID()}.csv`;
    await pipeline(file.file, createWriteStream(uploadPath));
    const job = await importQueue.add('contacts', { appId: request.params.appId, uploadPath });
    return reply.code(202).send({ jobId: job.id, status: 'processing' });
  });
}
