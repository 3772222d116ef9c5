import Redis from 'ioredis';
import { logger } from '../logger.js';
import { recordDeliveryEvent } from './delivery-events.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379', {
  maxRetriesPerRequest: null,
  connectTimeout: 5_000,
});

redis.on('error', (err) => logger.error({ err }, 'subscriber connection error'));

await redis.subscribe('delivery-events');

async function handleMessage(channel: string, message: string) {
  try {
    await recordDeliveryEvent(JSON.parse(message));
  } catch (err) {
    logger.warn({ err, channel }, 'could not record delivery event');
  }
}

redis.on('message', handleMessage);
