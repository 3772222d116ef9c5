import type { FastifyInstance } from 'fastify';
import { resolveMx } from 'node:dns/promises';
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { redis } from '../lib/redis';
import { domains } from '../db/schema';
import { cacheKey } from '../lib/cache-keys';

const MX_TTL_SECONDS = 600;

export default async function domainRoutes(app: FastifyInstance) {
  // MX records are the same for every tenant: one shared entry per domain is right.
  app.get<{ Params: { appId: string; domain: string } }>('/apps/:appId/domains/:domain/mx', async (request) => {
    const { domain } = request.params;
    const cached = await redis.get(`mx:${domain}`);
    if (cached) return JSON.parse(cached);
    const records = await resolveMx(domain);
    await redis.setex(`mx:${domain}`, MX_TTL_SECONDS, JSON.stringify(records));
    return records;
  });

  app.get<{ Params: { appId: string; domainId: string }; Querystring: { fresh?: string } }>(
    '/apps/:appId/domains/:domainId',
    async (request) => {
      const { appId, domainId } = request.params;
      if (request.query.fresh === '1') {
        const [domain] = await db.select({ id: domains.id, status: domains.status }).from(domains).where(eq(domains.id, domainId));
        return domain;
      } else {
        const cached = await redis.get(cacheKey(appId, 'domain', domainId));
        if (cached) return JSON.parse(cached);
        const [domain] = await db.select({ id: domains.id, status: domains.status }).from(domains).where(eq(domains.id, domainId));
        await redis.set(cacheKey(appId, 'domain', domainId), JSON.stringify(domain), 'EX', 30);
        return domain;
      }
    },
  );
}
