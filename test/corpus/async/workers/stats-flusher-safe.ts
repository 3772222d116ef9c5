import Redis from 'ioredis';
import { sql } from 'drizzle-orm';
import { db } from '../db';
import { emailEvents } from '../schema';
import { logger } from '../logger';

const subscriber = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const counters = new Map<string, number>();

subscriber.subscribe('email-events').catch((err) => {
  logger.fatal({ err }, 'cannot subscribe');
  process.exit(1);
});

subscriber.on('message', async (_channel, message) => {
  try {
    const event = JSON.parse(message) as { appId: string; emailId: string; type: string };
    await db.insert(emailEvents).values({ appId: event.appId, emailId: event.emailId, type: event.type });
    counters.set(event.appId, (counters.get(event.appId) ?? 0) + 1);
  } catch (err) {
    logger.error({ err }, 'event not recorded');
  }
});

const flushTimer = setInterval(async () => {
  const batch = [...counters.entries()];
  counters.clear();
  try {
    await db.execute(sql`UPDATE app_stats SET events = events + v.count FROM (VALUES ${sql.join(batch.map(([id, n]) => sql`(${id}, ${n})`), sql`, `)}) AS v(app_id, count) WHERE app_stats.app_id = v.app_id`);
  } catch (err) {
    logger.error({ err }, 'stats not flushed');
  }
}, 10_000);

process.once('SIGTERM', async () => {
  clearInterval(flushTimer);
  await subscriber.quit();
});
