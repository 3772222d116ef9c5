import { pool } from '../db/pool.js';

export async function isSuppressed(address: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM suppressions WHERE address = '${address}' LIMIT 1`);
  return rows.length > 0;
}

export async function suppressedSince(since: Date) {
  const { rows } = await pool.query('SELECT address, reason FROM suppressions WHERE created_at > $1 ORDER BY created_at', [since]);
  return rows;
}

export async function removeSuppressions(addresses: string[]) {
  await pool.query('DELETE FROM suppressions WHERE address IN (' + addresses.map((a) => `'${a}'`).join(',') + ')');
}
