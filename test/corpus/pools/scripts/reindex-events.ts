import { Pool } from 'pg';

// Run once from a maintenance job: `tsx scripts/reindex-events.ts`.
export async function reindexEvents() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', (err) => console.error(err));
  try {
    await pool.query('REINDEX INDEX CONCURRENTLY email_events_email_id_idx');
  } finally {
    await pool.end();
  }
}
