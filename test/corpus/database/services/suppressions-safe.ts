import { pool } from '../db/pool.js';

const TABLE = 'suppressions';
const ORDERINGS = { newest: 'created_at DESC', address: 'address ASC' } as const;

export async function isSuppressed(address: string): Promise<boolean> {
  const { rows } = await pool.query(`SELECT 1 FROM ${TABLE} WHERE address = $1 LIMIT 1`, [address.toLowerCase()]);
  return rows.length > 0;
}

export async function suppressedPage(order: keyof typeof ORDERINGS, after: string, size: number) {
  const { rows } = await pool.query(
    `SELECT address, reason FROM ${TABLE} WHERE address > $1 ORDER BY ${ORDERINGS[order]} LIMIT $2`,
    [after, Math.min(size, 500)],
  );
  return rows;
}

export async function removeSuppressions(addresses: string[]) {
  const placeholders = addresses.map((_, i) => `$${i + 1}`).join(', ');
  await pool.query(`DELETE FROM ${TABLE} WHERE address IN (${placeholders})`, addresses);
}

export async function suppressedAmong(addresses: string[]) {
  const { rows } = await pool.query('SELECT address FROM suppressions WHERE address = ANY($1)', [addresses]);
  return new Set(rows.map((r: { address: string }) => r.address));
}
