import rule from '../../src/rules/require-pool-release.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'transaction with release in finally',
      code: `
import { pool } from '../db';
export async function moveToSuppressed(emailId: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE emails SET status = $1 WHERE id = $2', ['suppressed', emailId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'client declared before try, released with ?. in finally',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
pool.on('error', (err) => console.error(err));
export async function lockCampaign(id: string) {
  let client;
  try {
    client = await pool.connect();
    await client.query('SELECT pg_advisory_lock($1)', [id]);
  } finally {
    client?.release();
  }
}`,
    },
    {
      name: 'pool.query() checks out and releases by itself',
      code: `
import { pool } from './db';
export async function status(id: string) {
  const { rows } = await pool.query('SELECT status FROM emails WHERE id = $1', [id]);
  return rows[0];
}`,
    },
    {
      name: 'the client is returned: the caller owns releasing it',
      code: `
import { pool } from './db';
export async function checkout() {
  const client = await pool.connect();
  await client.query("SET statement_timeout = '5s'");
  return client;
}`,
    },
    {
      name: 'start-up health check: released on the next line, nothing in between can throw',
      code: `
import { pool } from './db';
export async function assertDatabase() {
  const client = await pool.connect();
  client.release();
}`,
    },
    {
      name: 'released with promise .finally()',
      code: `
import { pool } from './db';
export async function count() {
  const client = await pool.connect();
  return client.query('SELECT count(*) FROM emails').finally(() => client.release());
}`,
    },
    {
      name: 'module pool with an error listener',
      code: `
import { Pool } from 'pg';
import { logger } from './logger';
export const pool = new Pool({ max: 20, connectionTimeoutMillis: 5_000 });
pool.on('error', (err) => logger.warn({ err }, 'idle client error'));`,
    },
    {
      name: 'released on both the success and the error path',
      code: `
import { pool } from './db';
export async function touch(id: string) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE contacts SET seen_at = now() WHERE id = $1', [id]);
    client.release();
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}`,
    },
    {
      name: 'a connect() that is not a pg pool checkout',
      code: `
import { MongoClient } from 'mongodb';
const mongo = new MongoClient(process.env.MONGO_URL!);
export async function start() {
  const client = await mongo.connect();
  return client.db('mail');
}`,
    },
    {
      name: 'a pool a factory returns is set up by its caller',
      code: `
import { Pool } from 'pg';
export function createPool(url: string) {
  const pool = new Pool({ connectionString: url, max: 5 });
  return pool;
}`,
    },
  ],
  invalid: [
    {
      name: 'released only on the success path',
      code: `
import { pool } from '../db';
export async function recordOpen(emailId: string) {
  const client = await pool.connect();
  await client.query('INSERT INTO email_events (email_id, type) VALUES ($1, $2)', [emailId, 'open']);
  client.release();
}`,
      errors: [{ messageId: 'successOnly', line: 4 }],
    },
    {
      name: 'released inside try but not in finally',
      code: `
import type { Pool } from 'pg';
export async function bump(pool: Pool, id: string) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE campaigns SET sent = sent + 1 WHERE id = $1', [id]);
    client.release();
  } catch (error) {
    console.error(error);
  }
}`,
      errors: [{ messageId: 'successOnly', line: 4 }],
    },
    {
      name: 'never released',
      code: `
import { pool } from './db';
export async function statuses() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT id, status FROM emails LIMIT 100');
  return rows;
}`,
      errors: [{ messageId: 'never', line: 4 }],
    },
    {
      name: 'module-level pool without an error listener',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({ max: 20, connectionTimeoutMillis: 5_000 });`,
      errors: [{ messageId: 'noErrorListener', line: 3 }],
    },
    {
      name: 'a pool handed straight to drizzle has no listener at all',
      code: `
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
export const db = drizzle(new Pool({ connectionString: process.env.DATABASE_URL, max: 20 }));`,
      errors: [{ messageId: 'noErrorListener', line: 4 }],
    },
    {
      name: 'a known pg Pool, checked out in a route, released only after the work',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
pool.on('error', () => {});
app.post('/v1/suppressions', async (req) => {
  const client = await pool.connect();
  await client.query('INSERT INTO suppressions (address) VALUES ($1)', [req.body.address]);
  client.release();
  return { ok: true };
});`,
      errors: [{ messageId: 'successOnly', line: 6 }],
    },
  ],
});
