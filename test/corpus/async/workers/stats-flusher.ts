import Redis from 'ioredis';
import { sql } from 'drizzle-orm';
import { db } from '../db';
import { emailEvents } from '../schema';

const subscriber = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const counters = new Map<string, number>();

subscriber.subscribe('email-events').catch((err) => {
  console.error('cannot subscribe', err);
  process.exit(1);
});

subscriber.on('message', async (_channel, message) => {
  const event = JSON.parse(message) as { appId: string; emailId: string; type: string };
  await db.insert(emailEvents).values({ appId: event.appId, emailId: event.emailId, type: event.type });
  counters.set(event.appId, (counters.get(event.appId) ?? 0) + 1);
});

setInterval(async () => {
  const batch = [...counters.entries()];
  counters.clear();
  for (const [appId, count] of batch) {
    await db.execute(sql`UPDATE app_stats SET events = events + ${count} WHERE app_id = ${appId}`);
  }
}, 10_000);
