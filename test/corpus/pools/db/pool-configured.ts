import { Pool } from 'pg';
import { logger } from '../logger';

/**
 * Connection budget: 6 API pods + 10 worker pods, 5 connections each = 80 of the
 * primary's max_connections = 100, leaving 20 for migrations and consoles.
 */
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 5,
  connectionTimeoutMillis: 3_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
});

pool.on('error', (err) => {
  logger.warn({ err }, 'idle PostgreSQL client error');
});

export async function withTransaction<T>(work: (client: import('pg').PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
