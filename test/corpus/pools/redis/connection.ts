import Redis from 'ioredis';

// BullMQ needs maxRetriesPerRequest: null on the connections its workers block on.
export const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });

let cache: Redis | undefined;

export function cacheClient(): Redis {
  if (!cache) {
    cache = new Redis(process.env.REDIS_CACHE_URL ?? process.env.REDIS_URL!, { keyPrefix: 'cache:' });
  }
  return cache;
}

const subscriber = connection.duplicate();
export const suppressed = new Set<string>();

subscriber.subscribe('suppressions:added');
subscriber.on('message', (_channel, address) => {
  suppressed.add(address);
});

process.once('SIGTERM', () => {
  subscriber.disconnect();
});
