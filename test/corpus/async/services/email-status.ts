import { eq } from 'drizzle-orm';
import { db } from '../db';
import { emails } from '../schema';
import { webhookQueue } from '../queues';
import { logger } from '../logger';

export type DeliveryStatus = 'delivered' | 'bounced' | 'complained';

export async function recordStatus(appId: string, emailId: string, status: DeliveryStatus) {
  db.update(emails).set({ status, updatedAt: new Date() }).where(eq(emails.id, emailId));
  webhookQueue.add('email.status', { appId, emailId, status }, { attempts: 5 });
  logger.info({ emailId, status }, 'status recorded');
}
