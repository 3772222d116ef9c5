import type { PoolClient } from 'pg';
import { pool } from '../db/pool-configured';

/** Runs `work` while holding the campaign's advisory lock, so two schedulers never send it twice. */
export async function withCampaignLock<T>(campaignId: number, work: (client: PoolClient) => Promise<T>): Promise<T | undefined> {
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [campaignId]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [campaignId]);
    }
  } finally {
    client?.release();
  }
}
