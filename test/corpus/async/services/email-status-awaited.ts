import { eq } from 'drizzle-orm';
import Redis from 'ioredis';
import { db } from '../db';
import { emails } from '../schema';
import { webhookQueue } from '../queues';
import { logger } from '../logger';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const COUNTER_TTL_SECONDS = 86_400;

export type DeliveryStatus = 'delivered' | 'bounced' | 'complained';

async function countStatus(appId: string, status: DeliveryStatus) {
  try {
    const key = `status-count:${appId}:${status}`;
    await redis.multi().incr(key).expire(key, COUNTER_TTL_SECONDS).exec();
  } catch (err) {
    logger.warn({ err, appId }, 'status counter not updated');
  }
}

export async function recordStatus(appId: string, emailId: string, status: DeliveryStatus) {
  await db.update(emails).set({ status, updatedAt: new Date() }).where(eq(emails.id, emailId));
  await webhookQueue.add('email.status', { appId, emailId, status }, { attempts: 5 });
  countStatus(appId, status);
  void redis.publish(`status:${appId}`, JSON.stringify({ emailId, status })).catch((err) => logger.warn({ err }, 'publish failed'));
}
