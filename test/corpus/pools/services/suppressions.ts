import { pool } from '../db/pool';
import { logger } from '../logger';

export interface Suppression {
  appId: string;
  address: string;
  reason: 'bounce' | 'complaint' | 'manual';
}

export async function suppress(entry: Suppression): Promise<void> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query(
    'INSERT INTO suppressions (app_id, address, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [entry.appId, entry.address, entry.reason],
  );
  await client.query(
    "UPDATE emails SET status = 'suppressed' WHERE app_id = $1 AND recipient = $2 AND status = 'queued'",
    [entry.appId, entry.address],
  );
  await client.query('COMMIT');
  client.release();
  logger.info({ appId: entry.appId }, 'address suppressed');
}
