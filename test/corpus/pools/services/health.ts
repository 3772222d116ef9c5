import { pool } from '../db/pool-configured';
import { connection } from '../redis/connection';

/** Readiness: fails the probe until PostgreSQL and Redis answer. */
export async function checkDependencies(): Promise<{ postgres: boolean; redis: boolean }> {
  const [postgres, redis] = await Promise.all([pingPostgres(), pingRedis()]);
  return { postgres, redis };
}

async function pingPostgres(): Promise<boolean> {
  try {
    const client = await pool.connect();
    client.release();
    return true;
  } catch {
    return false;
  }
}

async function pingRedis(): Promise<boolean> {
  try {
    return (await connection.ping()) === 'PONG';
  } catch {
    return false;
  }
}
